package org.provenance.ledger.api.rebuild;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.provenance.ledger.api.admin.ProjectionAdmin;
import org.provenance.ledger.api.read.ProjectionMonitor;
import org.provenance.ledger.common.LedgerConflictException;
import org.provenance.ledger.common.Refusal;
import org.provenance.ledger.projections.support.ProjectionCaches;
import org.provenance.ledger.projections.support.ProjectionNames;
import org.provenance.ledger.projections.support.ProjectionTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A rebuild of the read models without downtime. The shadow processor replays every event into
 * shadow copies of the projection tables while the live processors keep updating, and reads keep
 * using, the tables in public. Once the shadow has reached the head, the live processors stop, the
 * shadow catches up with what they had done, stops too, and one short transaction moves the shadow
 * tables into public and gives the live processors the shadow's token; the live projections forget
 * their caches and start again where the shadow stopped. Reads after a write wait for the live
 * processors through that pause (the read-your-writes barrier), never seeing the shadow half-built.
 */
@Component
public class ShadowRebuild {

    /**
     * @param state      BUILDING (the shadow replays), SWITCHING, DONE or FAILED
     * @param tables     the projection tables rebuilt
     * @param position   the last global position the shadow has processed (-1: none)
     * @param progress   the shadow's progress to the head the rebuild started at, its rate and the time left
     * @param switchedAt when the rebuilt tables replaced the live ones
     * @param errors     while the shadow is stopped on an event: which and why (it retries by itself)
     * @param failure    why the rebuild failed (FAILED only); the live read models are untouched then
     */
    public record Status(String state, List<String> tables, long position, ProjectionAdmin.Replay progress,
                         Instant switchedAt, List<ProjectionMonitor.Stall> errors, String failure) {
    }

    private static final Logger log = LoggerFactory.getLogger(ShadowRebuild.class);
    private static final long PAUSE_NANOS = Duration.ofMillis(20).toNanos();
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);
    /** How long the switch waits for the shadow to reach what the stopped live processors had done. */
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    private final ProjectionMonitor monitor;
    private final ProjectionAdmin admin;
    private final ShadowProjections shadowProjections;
    private final ShadowTables tables;
    private final ApplicationContext context;
    private final AtomicReference<Run> current = new AtomicReference<>();

    private static final class Run {
        final Instant startedAt = Instant.now();
        final AtomicReference<Instant> doneAt = new AtomicReference<>();
        final long untilPosition;
        volatile String state = "BUILDING";
        volatile Instant switchedAt;
        volatile String failure;
        volatile long lastPosition = -1;

        Run(long untilPosition) {
            this.untilPosition = untilPosition;
        }

        boolean active() {
            return state.equals("BUILDING") || state.equals("SWITCHING");
        }
    }

    public ShadowRebuild(ProjectionMonitor monitor, ProjectionAdmin admin, ShadowProjections shadowProjections,
                         JdbcTemplate jdbc, PlatformTransactionManager transactions, ApplicationContext context) {
        this.monitor = monitor;
        this.admin = admin;
        this.shadowProjections = shadowProjections;
        this.tables = new ShadowTables(jdbc, transactions);
        this.context = context;
    }

    /** Starts a rebuild; it runs in the background, {@link #status} follows it. */
    public synchronized Status start() {
        Run previous = current.get();
        if (previous != null && previous.active()) {
            throw new LedgerConflictException(Refusal.REPLAY_IN_PROGRESS, "the read models are being rebuilt already");
        }
        if (admin.list().stream().anyMatch(p -> p.replay() != null && !p.replay().done())) {
            throw new LedgerConflictException(Refusal.REPLAY_IN_PROGRESS,
                                              "a projection is being replayed; rebuild once that is done");
        }
        for (String group : shadowProjections.groups()) {
            StreamingEventProcessor live = monitor.processors().get(group);
            if (live == null || !live.isRunning() || live.processingStatus().isEmpty()) {
                throw new LedgerConflictException(Refusal.PROJECTION_BUSY, "projection " + group
                        + " is not processed on this node; start the rebuild on the node that holds it");
            }
        }
        StreamingEventProcessor shadow = shadow();
        tables.prepare();
        shadowProjections.dropCaches();
        Run run = new Run(admin.headPosition());
        current.set(run);
        log.info("Rebuilding the read models into shadow tables ({} tables, {} events); the current ones keep answering",
                 ProjectionTables.ALL.size(), run.untilPosition);
        shadow.start();
        Thread worker = new Thread(() -> follow(run, shadow), "shadow-rebuild");
        worker.setDaemon(true);
        worker.start();
        return status(run);
    }

    /** The current or last rebuild on this node, or null when there was none since it started. */
    public Status status() {
        Run run = current.get();
        return run == null ? null : status(run);
    }

    private void follow(Run run, StreamingEventProcessor shadow) {
        try {
            Instant nextLog = Instant.now().plus(LOG_EVERY);
            while (!caughtUp(shadow, admin.headPosition())) {
                if (!shadow.isRunning()) {
                    throw new IllegalStateException("the shadow processor stopped");
                }
                if (Instant.now().isAfter(nextLog)) {
                    Status status = status(run);
                    log.info("Shadow rebuild at position {} of {} ({} events/s, about {} s left)", status.position(),
                             run.untilPosition, status.progress().eventsPerSecond(),
                             status.progress().estimatedSecondsLeft());
                    nextLog = Instant.now().plus(LOG_EVERY);
                }
                LockSupport.parkNanos(PAUSE_NANOS);
            }
            status(run); // fixes the rate at the moment the shadow reached the head
            run.state = "SWITCHING";
            switchOver(run, shadow);
            run.switchedAt = Instant.now();
            run.state = "DONE";
            log.info("Shadow rebuild done: the rebuilt read models answer from now on");
        } catch (RuntimeException e) {
            run.failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            run.state = "FAILED";
            log.warn("Shadow rebuild failed; the current read models stay as they were", e);
            shadow.shutDown();
        }
    }

    private void switchOver(Run run, StreamingEventProcessor shadow) {
        List<StreamingEventProcessor> live = new ArrayList<>();
        shadowProjections.groups().forEach(group -> live.add(monitor.processors().get(group)));
        live.forEach(StreamingEventProcessor::shutDown);
        try {
            // Stopped, the live processors change nothing more; the shadow passes what they had done.
            long head = admin.headPosition();
            long deadline = System.nanoTime() + CATCH_UP.toNanos();
            while (!caughtUp(shadow, head)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the shadow did not reach position " + head + " within "
                                                            + CATCH_UP.toSeconds() + " s");
                }
                LockSupport.parkNanos(PAUSE_NANOS);
            }
            run.lastPosition = position(shadow);
            shadow.shutDown();
            tables.switchOver(shadowProjections.groups());
            context.getBeansOfType(ProjectionCaches.class).values().forEach(ProjectionCaches::dropCaches);
        } finally {
            live.forEach(StreamingEventProcessor::start);
        }
    }

    private Status status(Run run) {
        StreamingEventProcessor shadow = shadow();
        long position = run.active() && !shadow.processingStatus().isEmpty() ? position(shadow) : run.lastPosition;
        if (run.active()) {
            run.lastPosition = Math.max(run.lastPosition, position);
        }
        ProjectionAdmin.Replay progress = ProjectionAdmin.Replay.measure(run.startedAt, run.doneAt, run.untilPosition,
                                                                         position, position >= run.untilPosition);
        List<ProjectionMonitor.Stall> errors = run.active() ? monitor.stalls(ProjectionNames.SHADOW, shadow) : List.of();
        return new Status(run.state, ProjectionTables.ALL, position, progress, run.switchedAt, errors, run.failure);
    }

    private static boolean caughtUp(StreamingEventProcessor shadow, long head) {
        return head <= 0 ? !shadow.processingStatus().isEmpty() : ProjectionMonitor.processed(shadow, head);
    }

    private static long position(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream().map(EventTrackerStatus::getCurrentPosition)
                        .mapToLong(p -> p.orElse(-1)).min().orElse(-1);
    }

    private StreamingEventProcessor shadow() {
        return monitor.shadow().orElseThrow(() -> new IllegalStateException("no shadow processor is configured"));
    }
}
