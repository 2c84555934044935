package org.provenance.ledger.api.batch;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import org.provenance.ledger.api.web.DatabaseUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs batch jobs one at a time, in submission order, on one background thread: each line through
 * the same code as the synchronous batch, with the submitter's authentication. Answers are stored
 * a page at a time. On start it resumes the jobs a restart interrupted; on stop it finishes the
 * line in hand and leaves the rest for the next start.
 * <p>
 * While the database is unreachable a line is not answered 503 and skipped: the job waits and
 * tries the same line again, so an outage never turns a valid import into a list of refusals.
 */
@Component
public class BatchJobRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BatchJobRunner.class);
    private static final int PAGE = 200;
    /** Jobs this large log their start and end; smaller ones only progress if they run long. */
    private static final int LARGE = 1000;
    private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(10).toNanos();
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final BatchJobStore store;
    private final BatchLines batches;
    private final ObjectMapper json;
    private final LinkedBlockingDeque<String> queue = new LinkedBlockingDeque<>();
    private volatile boolean running;
    private volatile Thread worker;

    public BatchJobRunner(BatchJobStore store, BatchLines batches, ObjectMapper json) {
        this.store = store;
        this.batches = batches;
        this.json = json;
    }

    /** Queues a stored job. */
    public void submit(String id) {
        queue.add(id);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread thread = new Thread(this::run, "batch-jobs");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread thread = worker;
        if (thread != null) {
            // No interrupt: it could land inside a write and turn a good line into a refusal.
            LockSupport.unpark(thread);
            try {
                // the write group in hand takes milliseconds, or the pool's connection timeout
                thread.join(Duration.ofSeconds(4).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        int failures = 0;
        boolean resumed = false;
        String current = null;
        while (running) {
            try {
                if (current != null) {
                    // a job interrupted by a failure (or a stop) goes on before any other
                    queue.addFirst(current);
                    current = null;
                }
                if (!resumed) {
                    List<String> interrupted = store.unfinished();
                    if (!interrupted.isEmpty()) {
                        log.info("Resuming {} batch job(s) interrupted by a restart", interrupted.size());
                    }
                    interrupted.stream().filter(id -> !queue.contains(id)).forEach(queue::add);
                    resumed = true;
                }
                current = queue.poll(1, TimeUnit.SECONDS);
                if (current != null && runJob(current)) {
                    current = null;
                }
                failures = 0;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the job in hand keeps its place in line, and resumes at its first unanswered line
                failures++;
                if (failures == 1) {
                    if (DatabaseUnavailable.causedBy(e)) {
                        log.warn("Batch jobs paused: the database is unreachable; retrying with back-off");
                    } else {
                        log.warn("Batch jobs paused after a failure; retrying with back-off", e);
                    }
                }
                backOff(failures);
            }
        }
    }

    /** Runs a job until it is done (true) or the runner stops (false). */
    private boolean runJob(String id) throws InterruptedException {
        BatchJobStore.Job job = store.find(id).orElse(null);
        if (job == null || !job.running()) {
            return true;
        }
        long started = System.nanoTime();
        long lastProgress = started;
        int doneBefore = job.processed();
        boolean large = job.lines() >= LARGE;
        if (large || doneBefore > 0) {
            log.info("Batch job {} of {} started: {} lines{}", id, job.submitter(), job.lines(),
                     doneBefore > 0 ? ", resuming after " + doneBefore : "");
        }
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                job.submitter(), null, job.authorities().stream().map(SimpleGrantedAuthority::new).toList()));
        try {
            int done = doneBefore;
            for (List<BatchJobStore.Line> page = store.unanswered(id, PAGE); !page.isEmpty();
                 page = store.unanswered(id, PAGE)) {
                if (!running) {
                    log.info("Batch job {} paused by shutdown after {} of {} lines; it resumes at the next start",
                             id, done, job.lines());
                    return false;
                }
                List<BatchJobStore.Answer> answers = answer(page);
                store.record(id, answers);
                done += answers.size();
                if (System.nanoTime() - lastProgress > PROGRESS_EVERY_NANOS) {
                    lastProgress = System.nanoTime();
                    log.info("Batch job {}: {} of {} lines ({} lines/s)", id, done, job.lines(),
                             (done - doneBefore) * 1_000_000_000L / (lastProgress - started));
                }
            }
            store.finish(id);
            BatchJobStore.Job finished = store.find(id).orElseThrow();
            if (large || doneBefore > 0) {
                log.info("Batch job {} done: {} lines, {} recorded, {} refused in {} ms", id, finished.lines(),
                         finished.succeeded(), finished.failed(), (System.nanoTime() - started) / 1_000_000);
            }
            return true;
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /**
     * The answers to a page of lines, submitted in write groups (BatchLines). Answers up to the
     * first line that met a database outage are kept; from that line on the page is tried again
     * after a pause, so an outage never turns a valid import into refusals.
     */
    private List<BatchJobStore.Answer> answer(List<BatchJobStore.Line> page) throws InterruptedException {
        int failures = 0;
        List<BatchJobStore.Answer> answers = new ArrayList<>(page.size());
        List<BatchJobStore.Line> rest = page;
        while (true) {
            List<ObjectNode> answered = new ArrayList<>(rest.size());
            for (int from = 0; from < rest.size(); from += BatchLines.CHUNK) {
                answered.addAll(batches.answerAll(rest.subList(from, Math.min(rest.size(), from + BatchLines.CHUNK))
                                                      .stream().map(l -> new BatchLines.Line(l.line(), l.request()))
                                                      .toList()));
                if (answered.stream().anyMatch(BatchLines::isOutage)) {
                    break;
                }
            }
            int kept = 0;
            while (kept < answered.size() && !BatchLines.isOutage(answered.get(kept))) {
                ObjectNode answer = answered.get(kept);
                try {
                    answers.add(new BatchJobStore.Answer(rest.get(kept).line(), answer.path("status").asInt(),
                                                         json.writeValueAsString(answer)));
                } catch (tools.jackson.core.JacksonException e) {
                    throw new IllegalStateException(e);
                }
                kept++;
            }
            if (kept == rest.size()) {
                return answers;
            }
            rest = rest.subList(kept, rest.size());
            if (++failures == 1) {
                log.warn("Batch jobs paused at line {}: the database is unreachable; retrying with back-off",
                         rest.get(0).line());
            }
            backOff(failures);
            if (!running) {
                // unanswered, so applied again at the next start (idempotent)
                throw new InterruptedException("stopping");
            }
        }
    }

    private void backOff(int failures) {
        Duration delay = Duration.ofMillis(250L << Math.min(failures, 7));
        LockSupport.parkNanos((delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay).toNanos());
    }
}
