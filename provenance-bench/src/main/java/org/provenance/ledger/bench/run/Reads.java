package org.provenance.ledger.bench.run;

import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Read latency: one client, sequential requests round-robin over paths, after a warm-up; or many clients at once. */
public final class Reads {

    private Reads() {
    }

    public static Map<String, Object> latency(String phase, Target target, List<String> paths, int warmup, int measured)
            throws Exception {
        Progress.say("> %s: %d warm-up and %d measured requests over %d path(s), e.g. %s", phase, warmup, measured,
                     paths.size(), paths.get(0));
        AtomicLong done = new AtomicLong();
        Histogram latency = new Histogram(3_600_000_000L, 3);
        long failed = 0;
        long bytes = 0;
        String firstError = null;
        CpuMeter cpu = null;
        java.time.Instant startedAt = java.time.Instant.now();
        try (Progress progress = Progress.track(phase, warmup + measured, "requests", done::get, null)) {
            for (int i = 0; i < warmup + measured; i++) {
                String path = paths.get(i % paths.size());
                long t0 = System.nanoTime();
                long[] answer = target.client().getSize(path);
                long micros = (System.nanoTime() - t0) / 1000;
                done.incrementAndGet();
                if (answer[0] != 200) {
                    failed++;
                    if (firstError == null) {
                        firstError = answer[0] + " " + path;
                    }
                    continue;
                }
                if (i == warmup - 1 || (warmup == 0 && i == 0)) {
                    cpu = CpuMeter.start(target.process(), target.db(), target.database());
                }
                if (i >= warmup) {
                    latency.recordValue(Math.max(1, micros));
                    bytes += answer[1];
                }
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("startedAt", startedAt.toString());
        r.put("endedAt", java.time.Instant.now().toString());
        r.put("paths", paths.size());
        r.put("examplePath", paths.get(0));
        r.put("warmup", warmup);
        r.put("measured", latency.getTotalCount());
        r.put("failed", failed);
        r.put("avgResponseBytes", latency.getTotalCount() == 0 ? 0 : bytes / latency.getTotalCount());
        r.put("latencyMs", Ingest.percentiles(latency, 1000.0));
        if (cpu != null) {
            r.put("cpu", cpu.stop());
        }
        if (firstError != null) {
            r.put("firstError", firstError);
        }
        Progress.say("< %s: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d requests, %d failed)", phase,
                     latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
                     latency.getMaxValue() / 1000.0, latency.getTotalCount(), failed);
        return r;
    }

    /**
     * Throughput and latency with {@code clients} concurrent clients, each sending requests back to
     * back over the paths (round-robin from its own offset): {@code warmup} requests in all first,
     * then {@code measured} in all, timed from the first measured request to the last answer.
     */
    public static Map<String, Object> concurrent(String phase, Target target, List<String> paths, int clients,
                                                 int warmup, int measured) throws Exception {
        Progress.say("> %s: %d clients, %d warm-up and %d measured requests over %d path(s), e.g. %s", phase, clients,
                     warmup, measured, paths.size(), paths.get(0));
        run(target, paths, clients, warmup, null, new AtomicLong(), new AtomicLong(), new AtomicLong());
        Histogram latency = new Histogram(3_600_000_000L, 3);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        CpuMeter cpu = CpuMeter.start(target.process(), target.db(), target.database());
        java.time.Instant startedAt = java.time.Instant.now();
        long started = System.nanoTime();
        try (Progress progress = Progress.track(phase, measured, "requests", done::get, null)) {
            run(target, paths, clients, measured, latency, done, failed, bytes);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("startedAt", startedAt.toString());
        r.put("endedAt", java.time.Instant.now().toString());
        r.put("clients", clients);
        r.put("paths", paths.size());
        r.put("examplePath", paths.get(0));
        r.put("warmup", warmup);
        r.put("measured", latency.getTotalCount());
        r.put("failed", failed.get());
        r.put("seconds", Ingest.round(seconds));
        r.put("readsPerSecond", Ingest.round(latency.getTotalCount() / seconds));
        r.put("avgResponseBytes", latency.getTotalCount() == 0 ? 0 : bytes.get() / latency.getTotalCount());
        r.put("latencyMs", Ingest.percentiles(latency, 1000.0));
        r.put("cpu", cpu.stop());
        Progress.say("< %s: %.0f reads/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d requests, %d failed)", phase,
                     latency.getTotalCount() / seconds, latency.getValueAtPercentile(50) / 1000.0,
                     latency.getValueAtPercentile(99) / 1000.0, latency.getMaxValue() / 1000.0,
                     latency.getTotalCount(), failed.get());
        return r;
    }

    private static void run(Target target, List<String> paths, int clients, int requests, Histogram latency,
                            AtomicLong done, AtomicLong failed, AtomicLong bytes) throws Exception {
        AtomicLong next = new AtomicLong();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        try {
            List<java.util.concurrent.Future<?>> workers = new java.util.ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (long i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        String path = paths.get((int) (i % paths.size()));
                        long t0 = System.nanoTime();
                        long[] answer = target.client().getSize(path);
                        long micros = (System.nanoTime() - t0) / 1000;
                        done.incrementAndGet();
                        if (answer[0] != 200) {
                            failed.incrementAndGet();
                        } else if (latency != null) {
                            synchronized (latency) {
                                latency.recordValue(Math.max(1, micros));
                            }
                            bytes.addAndGet(answer[1]);
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
