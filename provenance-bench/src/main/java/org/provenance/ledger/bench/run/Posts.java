package org.provenance.ledger.bench.run;

import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;

/** Latency of one POST repeated sequentially (a part check, a what-if), after a warm-up. */
public final class Posts {

    private Posts() {
    }

    /**
     * @param settle for an answer, a path to GET (untimed) before the next request, or null: a POST
     *               that records an event makes the node's next read wait until the projections have
     *               it (read-your-writes); settling keeps that wait out of the next request's time
     */
    public static Map<String, Object> latency(String phase, Target target, String path, String body, int warmup,
                                              int measured, java.util.function.Function<String, String> settle)
            throws Exception {
        Progress.say("> %s: %d warm-up and %d measured POST %s (%d bytes)", phase, warmup, measured, path, body.length());
        Histogram latency = new Histogram(3_600_000_000L, 3);
        long failed = 0;
        long bytes = 0;
        String firstError = null;
        for (int i = 0; i < warmup + measured; i++) {
            long t0 = System.nanoTime();
            LedgerClient.Response answer = target.client().post(path, body);
            long micros = (System.nanoTime() - t0) / 1000;
            if (answer.status() / 100 != 2) {
                failed++;
                if (firstError == null) {
                    firstError = answer.status() + " " + answer.body();
                }
                continue;
            }
            if (i >= warmup) {
                latency.recordValue(Math.max(1, micros));
                bytes += answer.body().length();
            }
            if (settle != null) {
                target.client().get(settle.apply(answer.body()));
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("endpoint", "POST " + path);
        r.put("requestBytes", body.length());
        r.put("warmup", warmup);
        r.put("measured", latency.getTotalCount());
        r.put("failed", failed);
        r.put("avgResponseBytes", latency.getTotalCount() == 0 ? 0 : bytes / latency.getTotalCount());
        r.put("latencyMs", Ingest.percentiles(latency, 1000.0));
        r.put("settledBetweenRequests", settle != null);
        if (firstError != null) {
            r.put("firstError", firstError.length() > 500 ? firstError.substring(0, 500) : firstError);
        }
        Progress.say("< %s: p50 %.2f ms, max %.2f ms (%d requests, %d failed)", phase,
                     latency.getValueAtPercentile(50) / 1000.0, latency.getMaxValue() / 1000.0,
                     latency.getTotalCount(), failed);
        return r;
    }
}
