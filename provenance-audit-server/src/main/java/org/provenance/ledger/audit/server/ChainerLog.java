package org.provenance.ledger.audit.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * What the chainer tells operators. Silent while it keeps up; when it has many events to catch up on
 * (the first start on a large ledger) it says so, reports progress every {@link #PROGRESS_EVERY} and
 * says when it has caught up, so a long start is visibly not a hang.
 * <p>
 * Info lines go through a sink so tests can read what operators would; warnings and debug lines, which
 * carry exceptions, go to the logger directly. Every line is logged under {@link AuditChainer}'s name,
 * the one operators configure.
 */
final class ChainerLog {

    static final long CATCH_UP_THRESHOLD = 10_000;
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(AuditChainer.class);

    private final LongSupplier latestEventPosition;
    private final LongSupplier nanoTime;
    private final Consumer<String> info;
    private final Predicate<Throwable> outage;
    // Set while catching up; touched by the chainer thread only.
    private Progress progress;

    ChainerLog(LongSupplier latestEventPosition, LongSupplier nanoTime, Consumer<String> info) {
        this(latestEventPosition, nanoTime, info, e -> false);
    }

    /** @param outage whether a failure means the database is unreachable (the application knows its drivers) */
    ChainerLog(LongSupplier latestEventPosition, LongSupplier nanoTime, Consumer<String> info,
               Predicate<Throwable> outage) {
        this.latestEventPosition = latestEventPosition;
        this.nanoTime = nanoTime;
        this.info = info;
        this.outage = outage;
    }

    static ChainerLog toLogger(AuditChainStore store, Predicate<Throwable> outage) {
        return new ChainerLog(store::latestEventPosition, System::nanoTime, log::info, outage);
    }

    void starting(long resumeAfter) {
        info.accept(resumeAfter == 0 ? "Audit chain starts at the first event"
                            : "Audit chain resumes after position " + resumeAfter);
    }

    void failed(int failures, RuntimeException e) {
        if (failures == 1 && outage.test(e)) {
            // an outage is answered and logged elsewhere too; its stack trace says nothing new
            log.warn("Audit chain paused: the database is unreachable; retrying with back-off");
        } else if (failures == 1) {
            log.warn("Audit chain could not chain new events; retrying with back-off", e);
        } else {
            log.debug("Audit chain attempt {} failed", failures, e);
        }
    }

    void recovered(int failures) {
        info.accept("Audit chain is chaining again after " + failures + " failed attempt(s)");
    }

    void holeOpened(long from, long to) {
        log.debug("Audit chain waits for position(s) {} to {} to commit", from, to);
    }

    void holeSkipped(long from, long to, Duration grace) {
        info.accept("Audit chain skips position" + (from == to ? " " + from : "s " + from + " to " + to)
                            + ": not committed within " + grace.toSeconds() + " s, a rolled-back write");
    }

    /** After each round: {@code full} when it chained a whole batch, i.e. more events are waiting. */
    void forgedRow(long position, String why) {
        log.warn("The event at position {} is not chained: {}", position, why);
    }

    void afterBatch(long head, boolean full) {
        if (progress == null) {
            if (full) {
                long behind = latestEventPosition.getAsLong() - head;
                if (behind > CATCH_UP_THRESHOLD) {
                    info.accept("Audit chain is catching up: about " + behind + " events to chain after position "
                                        + head);
                    progress = new Progress(head, nanoTime.getAsLong());
                }
            }
            return;
        }
        long now = nanoTime.getAsLong();
        double seconds = (now - progress.startNanos) / 1e9;
        if (!full) {
            info.accept("Audit chain caught up at position " + head + ": " + (head - progress.fromPosition)
                                + " events chained in " + String.format("%.1f", seconds) + " s");
            progress = null;
        } else if (now - progress.lastLogNanos > PROGRESS_EVERY.toNanos()) {
            long done = head - progress.fromPosition;
            info.accept("Audit chain at position " + head + " of about " + latestEventPosition.getAsLong() + " ("
                                + Math.round(done / Math.max(seconds, 0.001)) + " events/s)");
            progress.lastLogNanos = now;
        }
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
