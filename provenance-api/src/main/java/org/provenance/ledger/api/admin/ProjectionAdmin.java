package org.provenance.ledger.api.admin;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.provenance.ledger.api.read.ProjectionBarrier;
import org.provenance.ledger.api.read.ProjectionMonitor;
import org.provenance.ledger.api.web.NotFoundException;
import org.provenance.ledger.projections.support.ProjectionBuffer;
import org.provenance.ledger.common.LedgerConflictException;
import org.provenance.ledger.common.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Projection replays while the ledger keeps running. A replay stops the processor, clears its
 * read models and resets its tokens in one transaction (Axon's resetTokens: the projections'
 * reset handlers and the token update commit together), then starts it again to rebuild from the
 * first event. Writes carry on meanwhile; they are appended to the event store and reach the
 * rebuilt models in order. Reads are refused, through the {@link ProjectionBarrier}, until the
 * rebuild has passed the position the ledger had reached when the replay began, so no read shows a
 * half-rebuilt model: they answer 503 read-models-rebuilding meanwhile.
 */
@Component
public class ProjectionAdmin {

    /**
     * @param startedAt     when this node started the replay (null when it was started elsewhere or before a restart)
     * @param untilPosition the position the rebuild must reach to have replayed every earlier event
     * @param progress      share of the replay done, 0 to 1
     * @param done          true once the rebuild has passed untilPosition
     * @param eventsPerSecond      the rebuild's rate so far, positions processed per second since it started
     *                             (null when it was started elsewhere or before a restart, or has processed none)
     * @param estimatedSecondsLeft the positions left to untilPosition at that rate (0 once done; null when unknown)
     */
    public record Replay(Instant startedAt, long untilPosition, double progress, boolean done, Double eventsPerSecond,
                         Long estimatedSecondsLeft) {

        /**
         * A rebuild's progress, rate and time left. It starts from the first event, so the position reached is the
         * work done (positions, not events: rolled-back holes count too, which is right for a time estimate).
         * doneAt is set when first seen done, which fixes the rate from then on. startedAt null: unknown rate.
         */
        public static Replay measure(Instant startedAt, java.util.concurrent.atomic.AtomicReference<Instant> doneAt,
                                     long until, long position, boolean done) {
            double share = done || until <= 0 ? 1.0 : Math.min(1.0, Math.max(0, position) / (double) until);
            double progress = Math.floor(share * 1000) / 1000;
            Double rate = null;
            Long left = done ? 0L : null;
            if (startedAt != null && position > 0) {
                Instant now = Instant.now();
                if (done) {
                    doneAt.compareAndSet(null, now);
                }
                Instant end = done ? doneAt.get() : now;
                double seconds = Math.max(0.001, java.time.Duration.between(startedAt, end).toNanos() / 1e9);
                double perSecond = Math.min(position, until) / seconds;
                rate = Math.round(perSecond * 10) / 10.0;
                if (!done && perSecond > 0) {
                    left = (long) Math.ceil((until - position) / perSecond);
                }
            }
            return new Replay(startedAt, until, progress, done, rate, left);
        }
    }

    /**
     * @param status   RUNNING, CATCHING_UP, REPLAYING, ERROR or STOPPED
     * @param position the last global position the projection has processed (-1: none)
     * @param lag      the event store's head position minus position
     * @param errors   while status is ERROR: each stalled segment, the event it fails on and why
     */
    public record ProjectionStatus(String name, String status, long position, long lag, boolean caughtUp,
                                   Replay replay, List<ProjectionMonitor.Stall> errors) {
    }

    /** doneAt: when this node first saw the rebuild done, which fixes its rate from then on. */
    private record Started(Instant at, long untilPosition, java.util.concurrent.atomic.AtomicReference<Instant> doneAt) {
        Started(Instant at, long untilPosition) {
            this(at, untilPosition, new java.util.concurrent.atomic.AtomicReference<>());
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ProjectionAdmin.class);

    private final ProjectionMonitor monitor;
    private final ProjectionBarrier barrier;
    private final JdbcClient jdbc;
    private final Map<String, Started> replays = new ConcurrentHashMap<>();

    public ProjectionAdmin(ProjectionMonitor monitor, ProjectionBarrier barrier, JdbcClient jdbc) {
        this.monitor = monitor;
        this.barrier = barrier;
        this.jdbc = jdbc;
    }

    public long headPosition() {
        Long head = jdbc.sql("select max(global_index) from domain_event_entry").query(Long.class).single();
        return head == null ? 0 : head;
    }

    public List<ProjectionStatus> list() {
        long head = headPosition();
        return processors().entrySet().stream()
                           .sorted(Map.Entry.comparingByKey())
                           .map(e -> status(e.getKey(), e.getValue(), head))
                           .toList();
    }

    public ProjectionStatus status(String name) {
        return status(name, processor(name), headPosition());
    }

    public synchronized ProjectionStatus replay(String name) {
        StreamingEventProcessor processor = processor(name);
        ProjectionStatus current = status(name, processor, headPosition());
        if (current.replay() != null && !current.replay().done()) {
            throw new LedgerConflictException(Refusal.REPLAY_IN_PROGRESS,
                                              "projection " + name + " is being replayed already; wait until it is done");
        }
        if (monitor.shadow().filter(StreamingEventProcessor::isRunning).isPresent()) {
            throw new LedgerConflictException(Refusal.REPLAY_IN_PROGRESS,
                                              "the read models are being rebuilt into shadow tables; replay once that is done");
        }
        if (!processor.supportsReset()) {
            throw new LedgerConflictException(Refusal.REPLAY_NOT_SUPPORTED, "projection " + name + " cannot be replayed");
        }
        long head = headPosition();
        log.info("Replaying projection {}: rebuilding its read models from the event store ({} events)", name, head);
        processor.shutDown();
        try {
            // Stopped, the processor reports no position: reads are refused from here until the rebuild passes head.
            if (head > 0) {
                barrier.rebuildUntil(head);
            }
            processor.resetTokens();
            monitor.forget(name);
            replays.put(name, new Started(Instant.now(), head));
        } catch (UnableToClaimTokenException e) {
            throw new LedgerConflictException(Refusal.PROJECTION_BUSY, "projection " + name
                    + " is being processed by another ledger node; replay it there");
        } finally {
            processor.start();
        }
        return status(name, processor, head);
    }

    private ProjectionStatus status(String name, StreamingEventProcessor processor, long head) {
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        long position = segments.stream().map(EventTrackerStatus::getCurrentPosition)
                                .mapToLong(p -> p.orElse(-1)).min().orElse(-1);
        boolean caughtUp = !segments.isEmpty() && segments.stream().allMatch(EventTrackerStatus::isCaughtUp);
        Replay replay = replay(name, segments, position);
        List<ProjectionMonitor.Stall> errors = monitor.stalls(name, processor);
        String status;
        if (!errors.isEmpty() || (processor.isError() && !retryingFlush(processor))) {
            status = "ERROR";
        } else if (!processor.isRunning()) {
            status = "STOPPED";
        } else if (replay != null && !replay.done()) {
            status = "REPLAYING";
        } else if (!caughtUp || position < head) {
            status = "CATCHING_UP";
        } else {
            status = "RUNNING";
        }
        return new ProjectionStatus(name, status, position, head - Math.max(position, 0), caughtUp, replay, errors);
    }

    /**
     * Axon keeps a processor flagged as replaying until it handles an event newer than the reset, which
     * may be long after the rebuild is complete; a replay is done here once it passed the reset position.
     */
    private Replay replay(String name, Collection<EventTrackerStatus> segments, long position) {
        Started started = replays.get(name);
        boolean replaying = segments.stream().anyMatch(EventTrackerStatus::isReplaying);
        if (started == null && !replaying) {
            return null;
        }
        long until = started != null ? started.untilPosition()
                : segments.stream().map(EventTrackerStatus::getResetPosition).filter(OptionalLong::isPresent)
                          .mapToLong(OptionalLong::getAsLong).max().orElse(0);
        boolean done = position >= until && !segments.isEmpty();
        return Replay.measure(started == null ? null : started.at(),
                              started == null ? new java.util.concurrent.atomic.AtomicReference<>() : started.doneAt(),
                              until, position, done);
    }

    /** A failed batch write is retried one event at a time at once; that attempt names the failing event. */
    private static boolean retryingFlush(StreamingEventProcessor processor) {
        List<EventTrackerStatus> failing = processor.processingStatus().values().stream()
                                                    .filter(EventTrackerStatus::isErrorState).toList();
        return !failing.isEmpty() && failing.stream().allMatch(t -> ProjectionBuffer.isFlushFailure(t.getError()));
    }

    private Map<String, StreamingEventProcessor> processors() {
        return monitor.processors();
    }

    private StreamingEventProcessor processor(String name) {
        StreamingEventProcessor processor = processors().get(name);
        if (processor == null) {
            throw new NotFoundException("projection", name);
        }
        return processor;
    }
}
