package org.provenance.ledger.api.config;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Axon's embedded event store, with the wake-up its processors lack when each reads the event
 * table itself ({@code optimizeEventConsumption} off, see {@link LedgerAxonConfiguration}). Such a
 * processor's stream, once it has read everything, waits for a signal that only Axon's shared
 * producer thread gives, and that thread never runs in this mode: so the stream looked again only
 * when the processor's wait ran out (a tracking processor's {@code eventAvailabilityTimeout}, 1 s),
 * and neither {@code fetchDelay} nor a commit shortened it. Every write after a quiet moment waited
 * up to a second for its projections, and so did the read after it.
 * <p>
 * Here a stream with nothing new waits at most {@code poll} before it reads the table again, and
 * is woken at once by a commit of this node's event store; commits of other nodes are seen within
 * {@code poll}. Each look is one indexed query on {@code global_index}.
 */
final class WakingEventStore extends EmbeddedEventStore {

    private final long pollNanos;
    private final Object commits = new Object();
    /** Commits of this node so far; guarded by {@link #commits}. */
    private long committed;

    WakingEventStore(Builder builder, Duration poll) {
        super(builder);
        this.pollNanos = poll.toNanos();
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        super.afterCommit(events);
        synchronized (commits) {
            committed++;
            commits.notifyAll();
        }
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new Waking(super.openStream(trackingToken));
    }

    private final class Waking implements TrackingEventStream {

        private final TrackingEventStream stream;

        Waking(TrackingEventStream stream) {
            this.stream = stream;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (true) {
                long seen;
                synchronized (commits) {
                    seen = committed;
                }
                // A zero timeout reads the table once and does not wait.
                if (stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                synchronized (commits) {
                    if (committed == seen) {
                        TimeUnit.NANOSECONDS.timedWait(commits, Math.min(left, pollNanos));
                    }
                }
            }
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(1, TimeUnit.SECONDS)) {
                // waits in hasNextAvailable, looking again every poll
            }
            return stream.nextAvailable();
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return stream.setOnAvailableCallback(callback);
        }

        @Override
        public void close() {
            stream.close();
        }
    }
}
