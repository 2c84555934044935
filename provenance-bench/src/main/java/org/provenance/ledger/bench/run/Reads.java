package org.provenance.ledger.bench.run;

import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Read latency: one client, sequential requests round-robin over paths, after a warm-up. */
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
}
