package org.provenance.ledger.audit.server;

import java.time.Duration;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Holes in global_index just above the chain. Positions are drawn when a transaction inserts but become
 * visible when it commits, in any order, so a hole is either a write still in flight (it will fill) or a
 * rolled-back one (it never will). Only time tells them apart: a hole may be chained past once it has
 * stayed open for the grace period, counted from when it was first seen.
 * <p>
 * Used by the chainer's thread only. The clock is given so tests need not sleep.
 */
final class GapTracker {

    /** What the chain may do about a hole. */
    enum Hole {
        /** seen for the first time: wait for it to fill */
        NEW,
        /** seen before, not yet for the grace period: keep waiting */
        OPEN,
        /** open for the grace period: a rolled-back write, chain past it */
        EXPIRED
    }

    /** A hole first seen at sinceNanos; it may shrink as positions in it commit. */
    private record Gap(long to, long sinceNanos) {
    }

    private final NavigableMap<Long, Gap> gaps = new TreeMap<>();
    private final Duration grace;
    private final LongSupplier nanoTime;

    GapTracker(Duration grace, LongSupplier nanoTime) {
        this.grace = grace;
        this.nanoTime = nanoTime;
    }

    Duration grace() {
        return grace;
    }

    /**
     * The positions {@code from} to {@code to} are missing just above the chain. A hole that has shrunk
     * since it was first seen (some of its writes committed) keeps its first sighting: what is left of it
     * has been open that long.
     */
    Hole check(long from, long to) {
        long now = nanoTime.getAsLong();
        Map.Entry<Long, Gap> known = gaps.floorEntry(from);
        Hole seen;
        long since;
        if (known != null && known.getValue().to() >= from) {
            seen = Hole.OPEN;
            since = known.getValue().sinceNanos();
        } else {
            seen = Hole.NEW;
            since = now;
            gaps.put(from, new Gap(to, now));
        }
        return now - since < grace.toNanos() ? seen : Hole.EXPIRED;
    }

    /** The chain has reached {@code head}: holes up to it are filled or passed and need no memory. */
    void chainedUpTo(long head) {
        gaps.values().removeIf(gap -> gap.to() <= head);
    }

    /** How many holes are remembered. */
    int remembered() {
        return gaps.size();
    }
}
