package org.provenance.ledger.audit.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Verifies continuously in the background, so tampering is found within seconds rather than when someone
 * calls verify. Each round checks the seals of every event after the chain head (what is new) and the next
 * slice of the chain ({@code ledger.audit.verify-slice} positions from where the last round stopped,
 * wrapping to the start at the head), so a full pass over a long chain is spread over rounds and costs
 * each round a bounded read. A finding raises the {@link TamperAlarm}; an acknowledged finding is stepped
 * over so the rest of the chain keeps being checked.
 */
@Component
public class ContinuousVerifier implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ContinuousVerifier.class);

    private final ChainVerifier verifier;
    private final AuditChainStore store;
    private final Seals seals;
    private final TamperAlarm alarm;
    private final Duration interval;
    private final int slice;
    private final boolean enabled;

    private final AtomicLong rounds = new AtomicLong();
    private final AtomicLong passes = new AtomicLong();
    private long cursor;
    private volatile boolean running;
    private volatile Thread worker;

    public ContinuousVerifier(ChainVerifier verifier, AuditChainStore store, Seals seals, TamperAlarm alarm,
                              AuditProperties properties) {
        this.verifier = verifier;
        this.store = store;
        this.seals = seals;
        this.alarm = alarm;
        this.interval = properties.verifyInterval();
        this.slice = properties.verifySlice();
        this.enabled = properties.verifier();
    }

    /** Rounds completed since start. */
    public long rounds() {
        return rounds.get();
    }

    /** Full passes over the chain completed since start. */
    public long passes() {
        return passes.get();
    }

    /** One round: the tail's seals, then the next slice of the chain. */
    void round() {
        if (seals.originProblem() != null) {
            alarm.raise(0, ChainVerifier.Finding.FORGED.name(), seals.originProblem(), Set.of());
        }
        AuditChainStore.Head head = store.head();
        ChainVerifier.Scan tail = verifier.scanTail(head.position(), slice);
        report(tail);
        if (cursor >= head.position()) {
            cursor = 0;
            passes.incrementAndGet();
        }
        ChainVerifier.Scan scan = verifier.scanChain(cursor, head.position(), slice);
        report(scan);
        cursor = scan.failure() != null ? Math.max(scan.position(), cursor + 1) : scan.position();
        rounds.incrementAndGet();
    }

    private void report(ChainVerifier.Scan scan) {
        ChainVerifier.Failure failure = scan.failure();
        if (failure == null) {
            return;
        }
        Set<String> streams = failure.reason() == ChainVerifier.Finding.MISSING ? Set.of()
                : scan.related() >= 0 ? store.streamsAt(failure.position(), scan.related())
                : store.streamsAt(failure.position());
        alarm.raise(failure.position(), failure.reason().name(), failure.detail(), streams);
    }

    @Override
    public synchronized void start() {
        if (running || !enabled) {
            if (!enabled) {
                log.warn("The background audit verifier is off (ledger.audit.verifier=false): tampering is found "
                         + "only by GET /api/audit/verify and when a stream is loaded");
            }
            return;
        }
        running = true;
        Thread thread = new Thread(this::run, "audit-verifier");
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
        boolean failing = false;
        while (running) {
            try {
                round();
                if (failing) {
                    log.info("The background audit verifier runs again");
                    failing = false;
                }
            } catch (RuntimeException e) {
                if (!failing) {
                    log.warn("The background audit verifier could not complete a round; retrying ({})", e.toString());
                    failing = true;
                }
            }
            LockSupport.parkNanos(interval.toNanos());
        }
    }
}
