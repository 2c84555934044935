package org.provenance.ledger.projections.support;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;

import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The projections' writes of one event batch, kept in memory and written as JDBC batches when the
 * batch's unit of work prepares to commit: in the batch's transaction, together with the
 * processor's token, so a batch's rows and its token still commit or roll back together.
 * <p>
 * Statements of one kind are sent together, so the flush reorders them: every {@link Statement}
 * has a rank, lower ranks go first, and statements of one kind keep their order. Inserts (rank
 * {@link #INSERT}) are keyed {@code on conflict do nothing} rows that commute with each other;
 * updates (rank {@link #UPDATE}) run after every insert of the batch, in event order. A change that
 * does not commute with the rest (bloc membership, price floors) is written with {@link #now},
 * after the pending rows. A projection that reads a table during a batch calls {@link #flush}
 * first, so it reads what earlier events of the batch wrote.
 * <p>
 * A failed flush names no event. It fails as {@link FlushFailed}, which the projection monitor does
 * not report as a stall: the processor retries the batch, and that attempt writes every statement
 * as its handler issues it, so the handler that fails is the one reported (processor, position,
 * event type); batching resumes once a batch has committed.
 */
@Component
public class ProjectionBuffer {

    public static final int INSERT = 0;
    public static final int UPDATE = 1;
    private static final int CHUNK = 1_000;

    /** A batch's pending rows could not be written; the retry writes them one by one, naming the event. */
    public static final class FlushFailed extends RuntimeException {
        FlushFailed(RuntimeException cause) {
            super("the batch's read-model changes could not be written; retrying them one event at a time", cause);
        }
    }

    public static boolean isFlushFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof FlushFailed) {
                return true;
            }
        }
        return false;
    }

    public record Statement(int rank, String sql) {

        public static Statement insert(String sql) {
            return new Statement(INSERT, sql);
        }

        public static Statement update(String sql) {
            return new Statement(UPDATE, sql);
        }
    }

    private static final SqlParameterValue UNSPECIFIED_NULL = new SqlParameterValue(Types.NULL, null);
    private static final String RESOURCE = ProjectionBuffer.class.getName();

    private final JdbcTemplate jdbc;
    private volatile boolean oneByOne;

    public ProjectionBuffer(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a statement to the batch; its strings are made storable ({@link StoredText}). */
    public void add(Statement statement, Object... params) {
        addEncoded(statement, StoredText.params(params));
    }

    /** Adds a statement whose strings are stored as given: made storable by the caller (JSON with encoded strings). */
    public void addEncoded(Statement statement, Object... params) {
        Object[] stored = typedNulls(params);
        Pending pending = pending();
        if (pending == null) {
            jdbc.update(statement.sql(), stored);
        } else {
            pending.add(statement, stored);
        }
    }

    /** Writes the pending statements, then this one at once: for changes that must not be reordered. */
    public void now(String sql, Object... params) {
        flush();
        jdbc.update(sql, typedNulls(StoredText.params(params)));
    }

    /**
     * Nulls typed as "unspecified" so that the driver is not asked for each
     * parameter's type (a round trip per null otherwise) and PostgreSQL infers it.
     */
    private static Object[] typedNulls(Object[] params) {
        Object[] stored = params.clone();
        for (int i = 0; i < stored.length; i++) {
            if (stored[i] == null) {
                stored[i] = UNSPECIFIED_NULL;
            }
        }
        return stored;
    }

    /** Writes what the batch holds so far, so that a query sees it. */
    public void flush() {
        if (CurrentUnitOfWork.isStarted()) {
            Pending pending = (Pending) CurrentUnitOfWork.get().root().resources().get(RESOURCE);
            if (pending != null) {
                pending.flush();
            }
        }
    }

    private Pending pending() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (oneByOne) {
            if (!root.resources().containsKey(RESOURCE + ".oneByOne")) {
                root.resources().put(RESOURCE + ".oneByOne", Boolean.TRUE);
                root.afterCommit(u -> oneByOne = false);
            }
            return null;
        }
        return (Pending) root.resources().computeIfAbsent(RESOURCE, k -> {
            Pending created = new Pending();
            root.onPrepareCommit(u -> {
                try {
                    created.flush();
                } catch (RuntimeException e) {
                    oneByOne = true;
                    throw new FlushFailed(e);
                }
            });
            return created;
        });
    }

    private final class Pending {

        private final TreeMap<Integer, Map<String, List<Object[]>>> byRank = new TreeMap<>();
        private int size;

        void add(Statement statement, Object[] params) {
            byRank.computeIfAbsent(statement.rank(), r -> new LinkedHashMap<>())
                  .computeIfAbsent(statement.sql(), s -> new ArrayList<>()).add(params);
            size++;
        }

        void flush() {
            if (size == 0) {
                return;
            }
            for (Map<String, List<Object[]>> statements : byRank.values()) {
                statements.forEach((sql, rows) -> {
                    for (int from = 0; from < rows.size(); from += CHUNK) {
                        jdbc.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + CHUNK)));
                    }
                });
            }
            byRank.clear();
            size = 0;
        }
    }
}
