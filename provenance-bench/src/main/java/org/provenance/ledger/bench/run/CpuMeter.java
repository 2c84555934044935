package org.provenance.ledger.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the machine's CPU went during a phase, in cores (CPU seconds per second of wall time):
 * the whole machine (/proc/stat), the ledger's JVM, the benchmark's own JVM, the PostgreSQL
 * backends serving the phase's database, and the rest (PostgreSQL's background writers, and
 * anything else running on the machine: other people's builds and tests show up there).
 */
public final class CpuMeter {

    private final Subprocess ledger;
    private final Database db;
    private final String database;
    private Map<Long, Long> backends = Map.of();
    private long machineBusy;
    private double ledgerCpu;
    private double benchCpu;
    private long started;

    private CpuMeter(Subprocess ledger, Database db, String database) {
        this.ledger = ledger;
        this.db = db;
        this.database = database;
    }

    public static CpuMeter start(Subprocess ledger, Database db, String database) {
        CpuMeter meter = new CpuMeter(ledger, db, database);
        meter.backends = meter.backendTicks();
        meter.machineBusy = machineBusyTicks();
        meter.ledgerCpu = ledger == null ? 0 : ledger.cpuSeconds();
        meter.benchCpu = benchCpu();
        meter.started = System.nanoTime();
        return meter;
    }

    public Map<String, Object> stop() {
        double wall = (System.nanoTime() - started) / 1e9;
        double machine = (machineBusyTicks() - machineBusy) / 100.0; // USER_HZ
        double led = ledger == null ? 0 : ledger.cpuSeconds() - ledgerCpu;
        double bench = benchCpu() - benchCpu;
        double pg = 0;
        for (Map.Entry<Long, Long> e : backendTicks().entrySet()) {
            pg += (e.getValue() - backends.getOrDefault(e.getKey(), 0L)) / 100.0;
        }
        Map<String, Object> cores = new LinkedHashMap<>();
        cores.put("machineBusyCores", round(machine / wall));
        cores.put("ledgerJvmCores", round(led / wall));
        cores.put("benchJvmCores", round(bench / wall));
        cores.put("postgresBackendsCores", round(pg / wall));
        cores.put("otherCores", round(Math.max(0, machine - led - bench - pg) / wall));
        return cores;
    }

    /** CPU ticks (user + system) of each PostgreSQL backend connected to the database. */
    private Map<Long, Long> backendTicks() {
        Map<Long, Long> ticks = new java.util.HashMap<>();
        if (db == null) {
            return ticks;
        }
        try (var c = db.connect(); var s = c.prepareStatement("select pid from pg_stat_activity where datname = ?")) {
            s.setString(1, database);
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    long pid = rs.getLong(1);
                    long t = processTicks(pid);
                    if (t >= 0) {
                        ticks.put(pid, t);
                    }
                }
            }
        } catch (Exception e) {
            // no PostgreSQL statistics: counted under "other"
        }
        return ticks;
    }

    /** CPU ticks (user + system, 1/100 s) a process used so far; -1 if unknown (gone, or not on this machine). */
    public static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static double benchCpu() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    private static long machineBusyTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            return total - Long.parseLong(f[4]) - Long.parseLong(f[5]); // minus idle and iowait
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
