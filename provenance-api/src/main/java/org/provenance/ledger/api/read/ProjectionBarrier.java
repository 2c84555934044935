package org.provenance.ledger.api.read;

import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Collection;
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
 * the read began, up to the read-your-writes timeout. Each position is checked, not just the
 * highest: a transaction that commits late leaves a gap below positions already processed.</li>
 * </ul>
 */
@Component
public class ProjectionBarrier {

    private static final long PAUSE_NANOS = Duration.ofMillis(1).toNanos();
    private static final int PRUNE_THRESHOLD = 1_000;

    private final ProjectionMonitor monitor;
    private final Duration timeout;
    private final Duration rebuildWait;
    private final NavigableSet<Long> unconfirmed = new ConcurrentSkipListSet<>();
    /** The position every projection must reach before its read models are whole; 0 once reached. */
    private final AtomicLong rebuildUntil = new AtomicLong();

    public ProjectionBarrier(ProjectionMonitor monitor, JdbcClient jdbc,
                             @Value("${ledger.read-your-writes-timeout:10s}") Duration timeout,
                             @Value("${ledger.rebuild-read-wait:1s}") Duration rebuildWait) {
        this.monitor = monitor;
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
            prune(Long.MAX_VALUE, processors());
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
        if (processors().stream().allMatch(p -> ProjectionMonitor.processed(p, until))) {
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
        if (unconfirmed.isEmpty()) {
            return;
        }
        long upTo = unconfirmed.last();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!prune(upTo, processors())) {
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
    private boolean prune(long upTo, Collection<StreamingEventProcessor> processors) {
        for (Long position : unconfirmed.headSet(upTo, true)) {
            if (!processors.stream().allMatch(p -> ProjectionMonitor.processed(p, position))) {
                return false;
            }
            unconfirmed.remove(position);
        }
        return true;
    }

    private Collection<StreamingEventProcessor> processors() {
        return monitor.processors().values();
    }
}
