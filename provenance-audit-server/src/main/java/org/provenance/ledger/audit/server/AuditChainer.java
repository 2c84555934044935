package org.provenance.ledger.audit.server;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.provenance.ledger.audit.chain.ChainHash;
import org.provenance.ledger.audit.chain.EventRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes the audit chain: follows the event table in global order and appends one chain entry per
 * event, a batch per transaction, resuming after the last entry on every start.
 * <p>
 * Why not an Axon tracking processor: global positions are drawn when a transaction inserts, but
 * transactions commit in any order, so position 8 can be visible while 7 is still in flight. A
 * processor hands out 8 and goes back for 7 later; a hash chain cannot. So the chainer stops at
 * the first hole and waits until it fills, or until it has stayed open longer than
 * {@code ledger.audit.gap-grace}: a hole that old is a rolled-back write that will never commit.
 */
@Component
public class AuditChainer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditChainer.class);
    private static final long CATCH_UP_THRESHOLD = 10_000;
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private record Batch(int read, int chained, long head) {
    }

    /** A hole first seen at sinceNanos; it may shrink as positions in it commit. */
    private record Gap(long to, long sinceNanos) {
    }

    private final AuditChainStore store;
    private final TransactionTemplate transactions;
    private final Duration grace;
    private final Duration interval;
    private final int batchSize;
    // Touched by the chainer thread only.
    private final NavigableMap<Long, Gap> gaps = new TreeMap<>();

    private final AtomicLong head = new AtomicLong(-1);
    private final AtomicLong rounds = new AtomicLong();
    private volatile boolean running;
    private volatile Thread worker;

    public AuditChainer(AuditChainStore store, PlatformTransactionManager transactionManager, AuditProperties properties,
                        ObjectProvider<MeterRegistry> meters) {
        this.store = store;
        this.transactions = new TransactionTemplate(transactionManager);
        this.grace = properties.gapGrace();
        this.interval = properties.chainInterval();
        this.batchSize = properties.chainBatchSize();
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
        Progress progress = null;
        boolean first = true;
        while (running) {
            try {
                if (first) {
                    long resumeAfter = store.head().position();
                    log.info(resumeAfter == 0 ? "Audit chain starts at the first event"
                                     : "Audit chain resumes after position {}", resumeAfter);
                    first = false;
                }
                Batch batch = chainBatch();
                rounds.incrementAndGet();
                if (failures > 0) {
                    log.info("Audit chain is chaining again after {} failed attempt(s)", failures);
                    failures = 0;
                }
                boolean full = batch.read() == batchSize && batch.chained() == batch.read();
                progress = report(progress, batch, full);
                if (!full) {
                    LockSupport.parkNanos(interval.toNanos());
                }
            } catch (RuntimeException e) {
                failures++;
                if (failures == 1) {
                    log.warn("Audit chain could not chain new events; retrying with back-off", e);
                } else {
                    log.debug("Audit chain attempt {} failed", failures, e);
                }
                LockSupport.parkNanos(backoff(failures).toNanos());
            }
        }
    }

    /** One transaction: the lock, the head, one read of the next events, one batched insert. */
    private Batch chainBatch() {
        Batch batch = transactions.execute(status -> {
            if (!store.tryChainerLock()) {
                return new Batch(0, 0, Math.max(head.get(), 0));
            }
            AuditChainStore.Head chainHead = store.head();
            gaps.values().removeIf(gap -> gap.to() <= chainHead.position());
            List<EventRow> events = store.eventsAfter(chainHead.position(), batchSize);
            List<ChainEntry> entries = new ArrayList<>(events.size());
            long previous = chainHead.position();
            byte[] hash = chainHead.hash();
            for (EventRow event : events) {
                if (event.position() != previous + 1 && !gapExpired(previous + 1, event.position() - 1)) {
                    break;
                }
                hash = ChainHash.next(hash, event);
                entries.add(new ChainEntry(event.position(), previous, hash, ChainHash.sha256(event.payload())));
                previous = event.position();
            }
            if (!entries.isEmpty()) {
                store.append(entries);
            }
            return new Batch(events.size(), entries.size(), previous);
        });
        head.set(batch.head());
        return batch;
    }

    private boolean gapExpired(long from, long to) {
        long now = System.nanoTime();
        Map.Entry<Long, Gap> known = gaps.floorEntry(from);
        long since;
        if (known != null && known.getValue().to() >= from) {
            since = known.getValue().sinceNanos();
        } else {
            since = now;
            gaps.put(from, new Gap(to, now));
            log.debug("Audit chain waits for position(s) {} to {} to commit", from, to);
        }
        if (now - since < grace.toNanos()) {
            return false;
        }
        log.info("Audit chain skips position{} {}: not committed within {} s, a rolled-back write",
                 from == to ? "" : "s", from == to ? from : from + " to " + to, grace.toSeconds());
        return true;
    }

    /** Logs catch-up progress when far behind (a first start on a large ledger); silent otherwise. */
    private Progress report(Progress progress, Batch batch, boolean full) {
        if (progress == null && full) {
            long behind = store.latestEventPosition() - batch.head();
            if (behind > CATCH_UP_THRESHOLD) {
                log.info("Audit chain is catching up: about {} events to chain after position {}", behind, batch.head());
                return new Progress(batch.head(), System.nanoTime());
            }
            return null;
        }
        if (progress == null) {
            return null;
        }
        if (!full) {
            double seconds = (System.nanoTime() - progress.startNanos) / 1e9;
            log.info("Audit chain caught up at position {}: {} events chained in {} s", batch.head(),
                     batch.head() - progress.fromPosition, String.format("%.1f", seconds));
            return null;
        }
        if (System.nanoTime() - progress.lastLogNanos > PROGRESS_EVERY.toNanos()) {
            double seconds = (System.nanoTime() - progress.startNanos) / 1e9;
            long done = batch.head() - progress.fromPosition;
            log.info("Audit chain at position {} of about {} ({} events/s)", batch.head(), store.latestEventPosition(),
                     Math.round(done / Math.max(seconds, 0.001)));
            progress.lastLogNanos = System.nanoTime();
        }
        return progress;
    }

    private Duration backoff(int failures) {
        Duration delay = interval.multipliedBy(1L << Math.min(failures, 8));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    private static final class Progress {
        final long fromPosition;
        final long startNanos;
        long lastLogNanos;

        Progress(long fromPosition, long startNanos) {
            this.fromPosition = fromPosition;
            this.startNanos = startNanos;
            this.lastLogNanos = startNanos;
        }
    }
}
