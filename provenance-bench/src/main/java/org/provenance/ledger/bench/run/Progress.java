package org.provenance.ledger.bench.run;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** Prints a running phase's progress every few seconds. */
public final class Progress implements AutoCloseable {

    private static final long EVERY_SECONDS = 3;

    private final ScheduledExecutorService timer;

    private Progress(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    public static void say(String format, Object... args) {
        System.out.printf(Locale.ROOT, format + "%n", args);
        System.out.flush();
    }

    /**
     * @param phase what runs
     * @param total units to do (0: unknown)
     * @param unit  what a unit is (requests, lines, events)
     * @param done  units done so far
     * @param extra more to print (may return null)
     */
    public static Progress track(String phase, long total, String unit, LongSupplier done, Supplier<String> extra) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        });
        long started = System.nanoTime();
        timer.scheduleAtFixedRate(() -> {
            long d = done.getAsLong();
            double seconds = (System.nanoTime() - started) / 1e9;
            String more = extra == null ? null : extra.get();
            if (total > 0) {
                say("  [%s] %5.1f%%  %d/%d %s  %.0f s%s", phase, 100.0 * d / total, d, total, unit, seconds,
                    more == null ? "" : "  " + more);
            } else {
                say("  [%s] %d %s  %.0f s%s", phase, d, unit, seconds, more == null ? "" : "  " + more);
            }
        }, EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
        return new Progress(timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
