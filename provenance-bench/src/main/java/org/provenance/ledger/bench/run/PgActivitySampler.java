package org.provenance.ledger.bench.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Samples pg_stat_activity of one database every 50 ms while a phase runs: how many backends are
 * busy and on what (running on CPU, waiting on WAL flushes, locks, I/O, or idle in a transaction
 * while the application works). A poor man's profile of where PostgreSQL's time goes.
 */
public final class PgActivitySampler implements AutoCloseable {

    private final Thread thread;
    private final Map<String, Long> counts = new TreeMap<>();
    private volatile boolean running = true;
    private long samples;

    private PgActivitySampler(Database db, String database) {
        thread = new Thread(() -> run(db, database), "pg-activity");
        thread.setDaemon(true);
    }

    public static PgActivitySampler start(Database db, String database) {
        PgActivitySampler sampler = new PgActivitySampler(db, database);
        sampler.thread.start();
        return sampler;
    }

    private void run(Database db, String database) {
        try (Connection c = db.connect();
             PreparedStatement s = c.prepareStatement("""
                     select state, coalesce(wait_event_type || ':' || wait_event, 'CPU') from pg_stat_activity
                     where datname = ? and pid <> pg_backend_pid() and backend_type = 'client backend'
                       and state in ('active', 'idle in transaction')""")) {
            s.setString(1, database);
            while (running) {
                try (ResultSet rs = s.executeQuery()) {
                    synchronized (counts) {
                        while (rs.next()) {
                            String key = "active".equals(rs.getString(1)) ? rs.getString(2) : "idle in transaction";
                            counts.merge(key, 1L, Long::sum);
                        }
                        samples++;
                    }
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            synchronized (counts) {
                counts.put("sampler failed: " + e.getMessage(), 0L);
            }
        }
    }

    /** Average backends in each state (busy backends per sample), busiest first. */
    public Map<String, Object> summary() {
        Map<String, Object> out = new LinkedHashMap<>();
        synchronized (counts) {
            long n = Math.max(1, samples);
            out.put("samples", samples);
            out.put("avgBusyBackends", CpuMeter.round(counts.values().stream().mapToLong(Long::longValue).sum()
                                                              / (double) n));
            Map<String, Object> by = new LinkedHashMap<>();
            counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                  .forEach(e -> by.put(e.getKey(), CpuMeter.round(e.getValue() / (double) n)));
            out.put("avgBackendsBy", by);
        }
        return out;
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
