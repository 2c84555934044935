package org.provenance.ledger.api.support;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline, checking every few milliseconds; never a fixed sleep. */
public final class Await {

    private static final long POLL_NANOS = Duration.ofMillis(20).toNanos();

    private Await() {
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting until " + what);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
