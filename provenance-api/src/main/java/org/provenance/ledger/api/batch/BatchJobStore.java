package org.provenance.ledger.api.batch;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.InputStream;
import org.provenance.ledger.api.input.InputRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Batch jobs and their lines in PostgreSQL (V22). */
@Component
public class BatchJobStore {

    private static final int INSERT_BATCH = 1000;

    public record Job(String id, String submitter, List<String> authorities, int lines, int processed,
                      int succeeded, int failed, Instant submittedAt, Instant finishedAt) {
        public boolean running() {
            return finishedAt == null;
        }
    }

    public record Line(int line, byte[] request) {
    }

    public record Answer(int line, int status, String answer) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transactions;

    public BatchJobStore(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.template = template;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Stores a job and every non-blank line of the body, in one transaction: a job exists whole
     * or not at all. Lines are numbered as the synchronous batch numbers them.
     */
    public Job create(String id, String submitter, List<String> authorities, InputStream body) {
        Instant now = Instant.now();
        int lines = transactions.execute(status -> {
            jdbc.sql("insert into batch_job (id, submitter, authorities, lines, submitted_at) values (?, ?, ?, 0, ?)")
                .params(id, submitter, String.join(",", authorities), Timestamp.from(now)).update();
            List<Object[]> pending = new ArrayList<>(INSERT_BATCH);
            int count = 0;
            try {
                // The bytes as sent, read as the synchronous batch reads them: a line is judged (UTF-8,
                // control characters, length) only when it is applied, and answered like any other.
                Lines reader = new Lines(body, InputRules.MAX_BODY_BYTES);
                for (byte[] text = reader.next(); text != null; text = reader.next()) {
                    if (text != Lines.TOO_LONG && BatchController.isBlank(text)) {
                        continue;
                    }
                    pending.add(new Object[]{id, ++count, text == Lines.TOO_LONG ? null : text});
                    if (pending.size() == INSERT_BATCH) {
                        insertLines(pending);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            insertLines(pending);
            jdbc.sql("update batch_job set lines = ?, finished_at = case when ? = 0 then now() end where id = ?")
                .params(count, count, id).update();
            return count;
        });
        return find(id).orElseThrow(() -> new IllegalStateException("batch job " + id + " vanished after " + lines));
    }

    private void insertLines(List<Object[]> pending) {
        if (!pending.isEmpty()) {
            template.batchUpdate("insert into batch_job_line (job_id, line, request) values (?, ?, ?)", pending);
            pending.clear();
        }
    }

    public Optional<Job> find(String id) {
        return jdbc.sql("select * from batch_job where id = ?").param(id).query(BatchJobStore::job).optional();
    }

    /** Newest first; a submitter's own, or everyone's when submitter is null. */
    public List<Job> list(String submitter, int page, int size) {
        return jdbc.sql("select * from batch_job where (cast(? as varchar) is null or submitter = ?) "
                                + "order by submitted_at desc, id limit ? offset ?")
                   .params(submitter, submitter, size, (long) page * size).query(BatchJobStore::job).list();
    }

    public long count(String submitter) {
        return jdbc.sql("select count(*) from batch_job where (cast(? as varchar) is null or submitter = ?)")
                   .params(submitter, submitter).query(Long.class).single();
    }

    /** Jobs a restart interrupted, oldest first. */
    public List<String> unfinished() {
        return jdbc.sql("select id from batch_job where finished_at is null order by submitted_at, id")
                   .query(String.class).list();
    }

    public List<Line> unanswered(String id, int limit) {
        return jdbc.sql("select line, request from batch_job_line where job_id = ? and status is null "
                                + "order by line limit ?")
                   .params(id, limit).query((rs, n) -> new Line(rs.getInt("line"), rs.getBytes("request"))).list();
    }

    /** Records answers and the job's counts in one transaction. */
    public void record(String id, List<Answer> answers) {
        if (answers.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            template.batchUpdate("update batch_job_line set status = ?, answer = ? where job_id = ? and line = ?",
                                 answers.stream().map(a -> new Object[]{a.status(), a.answer(), id, a.line()}).toList());
            // Only unanswered lines are ever answered (one worker per job), so the counts simply add up.
            long succeeded = answers.stream().filter(a -> a.status() == 201).count();
            jdbc.sql("update batch_job set processed = processed + ?, succeeded = succeeded + ?, failed = failed + ? "
                             + "where id = ?")
                .params(answers.size(), succeeded, answers.size() - succeeded, id).update();
        });
    }

    public void finish(String id) {
        jdbc.sql("update batch_job set finished_at = now() where id = ? and finished_at is null").param(id).update();
    }

    /** Answers in line order, a page at a time; failedOnly keeps the refused lines. */
    public List<String> answers(String id, boolean failedOnly, int page, int size) {
        return jdbc.sql("select answer from batch_job_line where job_id = ? and status is not null "
                                + (failedOnly ? "and status <> 201 " : "") + "order by line limit ? offset ?")
                   .params(id, size, (long) page * size).query(String.class).list();
    }

    public long answerCount(String id, boolean failedOnly) {
        return jdbc.sql("select count(*) from batch_job_line where job_id = ? and status is not null"
                                + (failedOnly ? " and status <> 201" : ""))
                   .param(id).query(Long.class).single();
    }

    private static Job job(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        String authorities = rs.getString("authorities");
        return new Job(rs.getString("id"), rs.getString("submitter"),
                       authorities.isEmpty() ? List.of() : List.of(authorities.split(",")), rs.getInt("lines"),
                       rs.getInt("processed"), rs.getInt("succeeded"), rs.getInt("failed"),
                       rs.getTimestamp("submitted_at").toInstant(), finished == null ? null : finished.toInstant());
    }
}
