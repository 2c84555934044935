package org.provenance.ledger.bench.run;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.provenance.ledger.bench.gen.Chain;
import org.provenance.ledger.bench.gen.Op;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Ingest phases. Work is partitioned by chain: each client takes the next chain and applies its
 * writes in order (so a lot exists before it is used), and no two chains share a lot. A phase's
 * rate is the rows its writes appended to the event table divided by its wall time.
 */
public final class Ingest {

    /** An acknowledged write: when its answer arrived (System.nanoTime) and its position. */
    public record Receipt(long ackNanos, long position) {
    }

    private Ingest() {
    }

    /** Single REST calls, {@code clients} at a time. */
    public static Map<String, Object> single(String phase, Target target, List<List<Chain>> waves, int clients,
                                             Consumer<Receipt> receipts) throws Exception {
        long total = waves.stream().flatMap(List::stream).mapToLong(c -> c.ops().size()).sum();
        long expectedEvents = waves.stream().flatMap(List::stream).mapToLong(Chain::expectedEvents).sum();
        Progress.say("> %s: %d requests in %d chains, %d clients, against %s", phase, total,
                     waves.stream().mapToInt(List::size).sum(), clients, target.name());
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        Histogram latency = new ConcurrentHistogram(3_600_000_000L, 3);
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        long rows0 = target.events();
        CpuMeter cpu = CpuMeter.start(target.process(), target.db(), target.database());
        PgActivitySampler pg = PgActivitySampler.start(target.db(), target.database());
        java.time.Instant startedAt = java.time.Instant.now();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (Progress progress = Progress.track(phase, total, "requests", done::get, () -> rate(target, rows0, started))) {
            for (List<Chain> wave : waves) {
                Queue<Chain> queue = new ConcurrentLinkedQueue<>(wave);
                List<Future<?>> workers = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    workers.add(pool.submit(() -> {
                        for (Chain chain = queue.poll(); chain != null; chain = queue.poll()) {
                            List<Op> ops = chain.ops();
                            for (int k = 0; k < ops.size(); k++) {
                                Op op = ops.get(k);
                                long t0 = System.nanoTime();
                                LedgerClient.Response response;
                                try {
                                    response = target.client().send(op);
                                } catch (Exception e) {
                                    response = new LedgerClient.Response(-1, e.toString());
                                }
                                long t1 = System.nanoTime();
                                latency.recordValue(Math.max(1, (t1 - t0) / 1000));
                                done.incrementAndGet();
                                if (response.ok()) {
                                    if (receipts != null) {
                                        receipts.accept(new Receipt(t1, response.position()));
                                    }
                                } else {
                                    failed.incrementAndGet();
                                    if (errors.size() < 5) {
                                        errors.add(response.status() + " " + op.method() + " " + op.path() + " "
                                                           + abbreviate(response.body()));
                                    }
                                    // The rest of the chain depends on this write.
                                    skipped.addAndGet(ops.size() - k - 1);
                                    done.addAndGet(ops.size() - k - 1);
                                    break;
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> w : workers) {
                    w.get();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> cores = cpu.stop();
        pg.close();
        long rows = target.events() - rows0;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("target", target.name());
        r.put("path", "single REST calls");
        r.put("startedAt", startedAt.toString());
        r.put("endedAt", startedAt.plusNanos((long) (seconds * 1e9)).toString());
        r.put("clients", clients);
        r.put("chains", waves.stream().mapToInt(List::size).sum());
        r.put("requests", total);
        r.put("failed", failed.get());
        r.put("skipped", skipped.get());
        r.put("events", rows);
        r.put("expectedEvents", expectedEvents);
        r.put("seconds", round(seconds));
        r.put("eventsPerSecond", round(rows / seconds));
        r.put("requestsPerSecond", round((total - skipped.get()) / seconds));
        r.put("requestLatencyMs", percentiles(latency, 1000.0));
        r.put("cpu", cores);
        r.put("postgres", pg.summary());
        if (!errors.isEmpty()) {
            r.put("errorSamples", new ArrayList<>(errors));
        }
        Progress.say("< %s: %d events in %.1f s = %.0f events/s (%.0f requests/s, p50 %.1f ms, p99 %.1f ms), %d failed",
                     phase, rows, seconds, rows / seconds, (total - skipped.get()) / seconds,
                     latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0, failed.get());
        errors.forEach(e -> Progress.say("    error: %s", e));
        return r;
    }

    /**
     * POST /api/batches, {@code clients} batches at a time; each batch holds whole chains (at least
     * {@code linesPerBatch} lines), so a chain's lines are applied in order within one batch.
     */
    public static Map<String, Object> batches(String phase, Target target, List<List<Chain>> waves, int clients,
                                              int linesPerBatch) throws Exception {
        List<List<List<Op>>> batchWaves = new ArrayList<>();
        long total = 0;
        int batchCount = 0;
        for (List<Chain> wave : waves) {
            List<List<Op>> batches = new ArrayList<>();
            List<Op> current = new ArrayList<>();
            for (Chain chain : wave) {
                current.addAll(chain.ops());
                if (current.size() >= linesPerBatch) {
                    batches.add(current);
                    current = new ArrayList<>();
                }
            }
            if (!current.isEmpty()) {
                batches.add(current);
            }
            total += batches.stream().mapToLong(List::size).sum();
            batchCount += batches.size();
            batchWaves.add(batches);
        }
        long expectedEvents = waves.stream().flatMap(List::stream).mapToLong(Chain::expectedEvents).sum();
        Progress.say("> %s: %d lines in %d batches of about %d lines, %d clients, against %s", phase, total, batchCount,
                     linesPerBatch, clients, target.name());
        AtomicLong done = new AtomicLong();
        AtomicLong succeeded = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong badSummaries = new AtomicLong();
        AtomicBoolean unavailable = new AtomicBoolean();
        Histogram latency = new ConcurrentHistogram(3_600_000_000L, 3);
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        long rows0 = target.events();
        CpuMeter cpu = CpuMeter.start(target.process(), target.db(), target.database());
        PgActivitySampler pg = PgActivitySampler.start(target.db(), target.database());
        java.time.Instant startedAt = java.time.Instant.now();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (Progress progress = Progress.track(phase, total, "lines", done::get, () -> rate(target, rows0, started))) {
            for (List<List<Op>> wave : batchWaves) {
                Queue<List<Op>> queue = new ConcurrentLinkedQueue<>(wave);
                List<Future<?>> workers = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    workers.add(pool.submit(() -> {
                        for (List<Op> batch = queue.poll(); batch != null && !unavailable.get(); batch = queue.poll()) {
                            long t0 = System.nanoTime();
                            LedgerClient.BatchResult result = target.client().batch(batch, n -> done.incrementAndGet());
                            latency.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                            if (!result.available()) {
                                unavailable.set(true);
                                errors.add("POST /api/batches answered " + result.status());
                                return null;
                            }
                            succeeded.addAndGet(result.succeeded());
                            failed.addAndGet(result.failed() + Math.max(0, batch.size() - result.lines()));
                            if (!result.summary()) {
                                badSummaries.incrementAndGet();
                            }
                            if (errors.size() < 5) {
                                result.problems().forEach(p -> errors.add(abbreviate(p)));
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> w : workers) {
                    w.get();
                }
                if (unavailable.get()) {
                    break;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> cores = cpu.stop();
        pg.close();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("target", target.name());
        r.put("path", "POST /api/batches");
        r.put("startedAt", startedAt.toString());
        r.put("endedAt", startedAt.plusNanos((long) (seconds * 1e9)).toString());
        if (unavailable.get()) {
            r.put("available", false);
            r.put("note", "the ledger has no POST /api/batches (" + errors.get(0) + "): phase unavailable");
            Progress.say("< %s: unavailable (%s)", phase, errors.get(0));
            return r;
        }
        long rows = target.events() - rows0;
        r.put("available", true);
        r.put("clients", clients);
        r.put("batches", batchCount);
        r.put("linesPerBatch", linesPerBatch);
        r.put("lines", total);
        r.put("succeeded", succeeded.get());
        r.put("failed", failed.get());
        r.put("batchesWithoutMatchingSummary", badSummaries.get());
        r.put("events", rows);
        r.put("expectedEvents", expectedEvents);
        r.put("seconds", round(seconds));
        r.put("eventsPerSecond", round(rows / seconds));
        r.put("linesPerSecond", round(total / seconds));
        r.put("batchLatencyMs", percentiles(latency, 1000.0));
        r.put("cpu", cores);
        r.put("postgres", pg.summary());
        if (!errors.isEmpty()) {
            r.put("errorSamples", new ArrayList<>(errors));
        }
        Progress.say("< %s: %d events in %.1f s = %.0f events/s (%.0f lines/s), %d lines failed", phase, rows, seconds,
                     rows / seconds, total / seconds, failed.get());
        errors.forEach(e -> Progress.say("    error: %s", e));
        return r;
    }

    static String rate(Target target, long rows0, long started) {
        try {
            double seconds = (System.nanoTime() - started) / 1e9;
            return "%.0f events/s".formatted((target.events() - rows0) / seconds);
        } catch (Exception e) {
            return null;
        }
    }

    public static Map<String, Object> percentiles(Histogram h, double unit) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("count", h.getTotalCount());
        p.put("p50", round(h.getValueAtPercentile(50) / unit));
        p.put("p90", round(h.getValueAtPercentile(90) / unit));
        p.put("p99", round(h.getValueAtPercentile(99) / unit));
        p.put("max", round(h.getMaxValue() / unit));
        p.put("mean", round(h.getMean() / unit));
        return p;
    }

    public static double round(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        return Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 100) / 100.0;
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replace('\n', ' ');
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }
}
