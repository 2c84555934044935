package org.provenance.ledger.audit.server;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes the audit chain: follows the event table in global order and appends one chain entry per
 * event, a batch per transaction ({@link ChainBatcher}), resuming after the last entry on every start.
 * This class is the loop: its thread, its pace and its back-off after failures.
 * <p>
 * Why not an Axon tracking processor: global positions are drawn when a transaction inserts, but
 * transactions commit in any order, so position 8 can be visible while 7 is still in flight. A
 * processor hands out 8 and goes back for 7 later; a hash chain cannot. So the chain stops at the
 * first hole and waits until it fills, or until it has stayed open longer than
 * {@code ledger.audit.gap-grace} ({@link GapTracker}).
 */
@Component
public class AuditChainer implements SmartLifecycle {

    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final AuditChainStore store;
    private final ChainBatcher batcher;
    private final ChainerLog log;
    private final Duration interval;

    private final AtomicLong head = new AtomicLong(-1);
    private final AtomicLong rounds = new AtomicLong();
    private volatile boolean running;
    private volatile Thread worker;

    public AuditChainer(AuditChainStore store, PlatformTransactionManager transactionManager, AuditProperties properties,
                        ObjectProvider<MeterRegistry> meters, ObjectProvider<DatabaseOutages> outages, Seals seals) {
        this.store = store;
        DatabaseOutages outage = outages.getIfAvailable(() -> failure -> false);
        this.log = ChainerLog.toLogger(store, outage::causedBy);
        this.batcher = new ChainBatcher(store, new TransactionTemplate(transactionManager),
                                        new GapTracker(properties.gapGrace(), System::nanoTime), log,
                                        properties.chainBatchSize(), seals);
        this.interval = properties.chainInterval();
        meters.ifAvailable(registry -> Gauge.builder("ledger.audit.chain.position", head, AtomicLong::get)
                                            .description("global position of the last chained event")
                                            .register(registry));
    }

    /** The last chained position this node knows of; -1 before the first round. */
    public long chainedUpTo() {
        return head.get();
    }

    /** Rounds completed since start (a round chains a batch, or finds nothing to chain). */
    public long rounds() {
        return rounds.get();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread thread = new Thread(this::run, "audit-chainer");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread thread = worker;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
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
        boolean first = true;
        while (running) {
            try {
                if (first) {
                    log.starting(store.head().position());
                    first = false;
                }
                ChainBatcher.Batch batch = batcher.chainNext(head.get());
                head.set(batch.head());
                rounds.incrementAndGet();
                if (failures > 0) {
                    log.recovered(failures);
                    failures = 0;
                }
                boolean full = batch.full(batcher.batchSize());
                log.afterBatch(batch.head(), full);
                if (!full) {
                    LockSupport.parkNanos(interval.toNanos());
                }
            } catch (RuntimeException e) {
                failures++;
                log.failed(failures, e);
                LockSupport.parkNanos(backoff(interval, failures).toNanos());
            }
        }
    }

    /** Doubles with each failure in a row, from the interval up to {@link #MAX_BACKOFF}. */
    static Duration backoff(Duration interval, int failures) {
        Duration delay = interval.multipliedBy(1L << Math.min(failures, 8));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }
}
