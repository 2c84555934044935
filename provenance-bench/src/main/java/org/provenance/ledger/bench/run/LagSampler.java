package org.provenance.ledger.bench.run;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Projection lag while the ledger ingests: every 50 ms, the event store's head position and the
 * ledger processor's position (GET /api/admin/projections). Gives the lag in events (head minus
 * position) and, for every acknowledged write, the time from its 201 until a sample showed the
 * processor at or past its position (so within one sampling interval).
 */
public final class LagSampler implements AutoCloseable {

    private final Target target;
    private final long intervalMillis;
    private final Thread thread;
    private final List<long[]> samples = new ArrayList<>(); // nanos, head, position
    private volatile boolean running = true;
    private volatile String failure;

    private LagSampler(Target target, long intervalMillis) {
        this.target = target;
        this.intervalMillis = intervalMillis;
        this.thread = new Thread(this::run, "lag-sampler");
        this.thread.setDaemon(true);
    }

    public static LagSampler start(Target target, long intervalMillis) {
        LagSampler sampler = new LagSampler(target, intervalMillis);
        sampler.thread.start();
        return sampler;
    }

    private void run() {
        long next = System.nanoTime();
        while (running) {
            try {
                Target.Status s = target.status();
                long now = System.nanoTime();
                synchronized (samples) {
                    samples.add(new long[]{now, s.head(), s.position()});
                }
            } catch (Exception e) {
                failure = e.toString();
            }
            next += intervalMillis * 1_000_000L;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep / 1_000_000L, (int) (sleep % 1_000_000L));
                } catch (InterruptedException e) {
                    return;
                }
            } else {
                next = System.nanoTime();
            }
        }
    }

    public Map<String, Object> summary(List<Ingest.Receipt> receipts, long fromNanos, long untilNanos) {
        List<long[]> copy;
        synchronized (samples) {
            copy = new ArrayList<>(samples);
        }
        Histogram events = new Histogram(3);
        for (long[] s : copy) {
            if (s[0] >= fromNanos && s[0] <= untilNanos) {
                events.recordValue(Math.max(0, s[1] - s[2]));
            }
        }
        Histogram millis = new Histogram(3_600_000_000L, 3);
        long unresolved = 0;
        int from = 0;
        List<Ingest.Receipt> sorted = new ArrayList<>(receipts);
        sorted.sort(java.util.Comparator.comparingLong(Ingest.Receipt::ackNanos));
        for (Ingest.Receipt r : sorted) {
            while (from < copy.size() && copy.get(from)[0] < r.ackNanos()) {
                from++;
            }
            int i = from;
            while (i < copy.size() && copy.get(i)[2] < r.position()) {
                i++;
            }
            if (i < copy.size() && r.position() >= 0) {
                millis.recordValue(Math.max(1, (copy.get(i)[0] - r.ackNanos()) / 1000));
            } else {
                unresolved++;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sampleIntervalMs", intervalMillis);
        m.put("samples", events.getTotalCount());
        m.put("lagEvents", Ingest.percentiles(events, 1));
        m.put("lagMsFromAckToProjected", Ingest.percentiles(millis, 1000.0));
        m.put("writesNotSeenProjected", unresolved);
        if (failure != null) {
            m.put("samplerError", failure);
        }
        return m;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
