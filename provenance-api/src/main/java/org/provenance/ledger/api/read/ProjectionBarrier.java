package org.provenance.ledger.api.read;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.locks.LockSupport;

/**
 * Read-your-writes over asynchronous projections. Every write acknowledged by this node leaves its
 * global position here; a read first waits until every projection has processed the writes
 * acknowledged before it began. Checking each position (not just the highest) matters: a
 * transaction that commits late leaves a gap below positions already processed.
 */
@Component
public class ProjectionBarrier {

    private static final long PAUSE_NANOS = Duration.ofMillis(1).toNanos();
    private static final int PRUNE_THRESHOLD = 1_000;

    private final ObjectProvider<Configuration> axon;
    private final Duration timeout;
    private final NavigableSet<Long> unconfirmed = new ConcurrentSkipListSet<>();

    public ProjectionBarrier(ObjectProvider<Configuration> axon,
                             @Value("${ledger.read-your-writes-timeout:10s}") Duration timeout) {
        this.axon = axon;
        this.timeout = timeout;
    }

    public void noteWrite(long position) {
        unconfirmed.add(position);
        if (unconfirmed.size() > PRUNE_THRESHOLD) {
            prune(Long.MAX_VALUE);
        }
    }

    /** Blocks until the projections reflect every write this node acknowledged before the call. */
    public void awaitAcknowledgedWrites() {
        if (unconfirmed.isEmpty()) {
            return;
        }
        long upTo = unconfirmed.last();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!prune(upTo)) {
            if (System.nanoTime() > deadline) {
                throw new ProjectionLagException("the read models have not caught up with position " + upTo
                                                         + " within " + timeout.toSeconds() + " s");
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }

    /** Drops positions up to upTo that every projection has processed; true when none is left. */
    private boolean prune(long upTo) {
        List<StreamingEventProcessor> processors = processors();
        for (Long position : unconfirmed.headSet(upTo, true)) {
            if (!processors.stream().allMatch(p -> processed(p, position))) {
                return false;
            }
            unconfirmed.remove(position);
        }
        return true;
    }

    private List<StreamingEventProcessor> processors() {
        return axon.getObject().eventProcessingConfiguration().eventProcessors().values().stream()
                   .filter(StreamingEventProcessor.class::isInstance)
                   .map(StreamingEventProcessor.class::cast)
                   .toList();
    }

    private static boolean processed(StreamingEventProcessor processor, long position) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.isEmpty()) {
            return false;
        }
        for (EventTrackerStatus segment : status.values()) {
            TrackingToken token = WrappedToken.unwrapLowerBound(segment.getTrackingToken());
            if (token == null) {
                return false;
            }
            if (token instanceof GapAwareTrackingToken gapAware) {
                if (gapAware.getIndex() < position || gapAware.getGaps().contains(position)) {
                    return false;
                }
            } else if (token.position().orElse(-1) < position) {
                return false;
            }
        }
        return true;
    }
}
