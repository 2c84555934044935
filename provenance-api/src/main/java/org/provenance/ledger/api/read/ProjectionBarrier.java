package org.provenance.ledger.api.read;

import org.axonframework.eventhandling.StreamingEventProcessor;
import org.provenance.ledger.api.web.InvalidParameterException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.time.Duration;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Decides whether the read models may answer a read (SPEC 6 read-your-writes, SPEC 7 503 rules):
 * <ul>
 * <li>a projection stopped on an error: 503 at once, naming it; waiting would not help;</li>
 * <li>a rebuild under way (start-up, until the projections reach the head the node started with;
 * an admin replay, until they reach the head it began at): a short wait, then 503, never the
 * empty list or the 404 a half-built read model would give;</li>
 * <li>otherwise wait until every projection has processed the writes this node acknowledged before
 * the read began, and the position the client named in {@code Ledger-Min-Position} (a write another
 * node acknowledged), up to the read-your-writes timeout. Each position is checked, not just the
 * highest: a transaction that commits late leaves a gap below positions already processed.</li>
 * </ul>
 * What the read models cover is judged by {@link ReadModelCoverage}: this node's processors for the
 * segments it holds, the token store for the others, so a node holding no segment waits just as
 * correctly for the rows another node writes.
 */
@Component
public class ProjectionBarrier {

    private static final long PAUSE_NANOS = Duration.ofMillis(1).toNanos();
    private static final int PRUNE_THRESHOLD = 1_000;
    /** A read's header: wait until the read models cover this global position (a write answer's Ledger-Position). */
    public static final String MIN_POSITION_HEADER = "Ledger-Min-Position";

    private final ProjectionMonitor monitor;
    private final ReadModelCoverage coverage;
    private final Duration timeout;
    private final Duration rebuildWait;
    private final NavigableSet<Long> unconfirmed = new ConcurrentSkipListSet<>();
    /** The position every projection must reach before its read models are whole; 0 once reached. */
    private final AtomicLong rebuildUntil = new AtomicLong();

    public ProjectionBarrier(ProjectionMonitor monitor, ReadModelCoverage coverage, JdbcClient jdbc,
                             @Value("${ledger.read-your-writes-timeout:10s}") Duration timeout,
                             @Value("${ledger.rebuild-read-wait:1s}") Duration rebuildWait) {
        this.monitor = monitor;
        this.coverage = coverage;
        this.timeout = timeout;
        this.rebuildWait = rebuildWait;
        // Flyway has run (JdbcClient waits for it): this is the head the read models must reach after
        // a restart, or after a migration that emptied them, before they may answer.
        rebuildUntil.set(jdbc.sql("select coalesce(max(global_index), 0) from domain_event_entry")
                             .query(Long.class).single());
    }

    public void noteWrite(long position) {
        unconfirmed.add(position);
        if (unconfirmed.size() > PRUNE_THRESHOLD) {
            prune(Long.MAX_VALUE);
        }
    }

    /** Reads answer 503 rebuilding (after a short wait) until every projection has processed this position. */
    public void rebuildUntil(long position) {
        rebuildUntil.accumulateAndGet(position, Math::max);
    }

    /** Whether a rebuild (start-up or replay) is still under way: reads are refused meanwhile. */
    public boolean rebuilding() {
        long until = rebuildUntil.get();
        if (until <= 0) {
            return false;
        }
        if (coveredEverywhere(until)) {
            rebuildUntil.compareAndSet(until, 0);
            return false;
        }
        return true;
    }

    /** Blocks until the read models may answer a read issued now, or throws a {@link ProjectionLagException}. */
    public void awaitAcknowledgedWrites() {
        refuseIfStalled();
        if (rebuilding()) {
            long deadline = System.nanoTime() + rebuildWait.toNanos();
            while (rebuilding()) {
                refuseIfStalled();
                if (System.nanoTime() > deadline) {
                    throw new ProjectionLagException(ProjectionLagException.REBUILDING, null,
                            "the read models are being rebuilt from the event store up to position "
                                    + rebuildUntil.get() + "; their progress is at /api/admin/projections", 2);
                }
                LockSupport.parkNanos(PAUSE_NANOS);
            }
        }
        long minPosition = requestedMinPosition();
        if (unconfirmed.isEmpty() && minPosition <= 0) {
            return;
        }
        long upTo = unconfirmed.isEmpty() ? minPosition : Math.max(unconfirmed.last(), minPosition);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!prune(upTo) || (minPosition > 0 && !coveredEverywhere(minPosition))) {
            refuseIfStalled();
            if (System.nanoTime() > deadline) {
                throw new ProjectionLagException(ProjectionLagException.BEHIND, null,
                        "the read models have not caught up with position " + upTo + " within "
                                + timeout.toSeconds() + " s", 1);
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }

    private void refuseIfStalled() {
        monitor.first().ifPresent(stall -> {
            throw new ProjectionLagException(ProjectionLagException.STALLED, stall.projection(),
                    "projection " + stall.projection() + " is stopped on an error"
                            + (stall.position() == null ? "" : " at event position " + stall.position()
                            + " (" + stall.eventType() + ")")
                            + " and retries by itself; its read models are not shown until it has caught up", 10);
        });
    }

    /** Drops positions up to upTo that every projection has processed; true when none is left. */
    private boolean prune(long upTo) {
        for (Long position : unconfirmed.headSet(upTo, true)) {
            if (!coveredEverywhere(position)) {
                return false;
            }
            unconfirmed.remove(position);
        }
        return true;
    }

    private boolean coveredEverywhere(long position) {
        Map<String, StreamingEventProcessor> processors = monitor.processors();
        return processors.entrySet().stream().allMatch(p -> coverage.covers(p.getKey(), p.getValue(), position));
    }

    /** The request's {@value #MIN_POSITION_HEADER}, 0 when none was sent (or outside a request). */
    private static long requestedMinPosition() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return 0;
        }
        String value = attributes.getRequest().getHeader(MIN_POSITION_HEADER);
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long position = Long.parseLong(value.strip());
            if (position < 0) {
                throw new NumberFormatException();
            }
            return position;
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(MIN_POSITION_HEADER,
                    "header " + MIN_POSITION_HEADER + " must be a global position (a whole number, 0 or more), as a write's Ledger-Position gives it");
        }
    }
}
