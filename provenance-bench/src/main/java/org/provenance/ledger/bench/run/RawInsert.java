package org.provenance.ledger.bench.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raw limit: the rows the ledger appended, copied byte for byte (new event ids of the same
 * length), inserted with batched JDBC inserts, one transaction per batch, into a table made by the
 * product's own V1 migration (same columns, indexes, unique constraints and global_index sequence
 * default) in another database of the same PostgreSQL server.
 */
public final class RawInsert {

    /** The product's V1 migration, copied into the bench jar at build time. */
    static final String SCHEMA = "/raw/V1__axon_event_and_token_store.sql";

    public record Row(String eventId, String aggregateId, long sequence, String type, String timestamp,
                      String payloadType, String payloadRevision, byte[] payload, byte[] metadata) {
    }

    private RawInsert() {
    }

    /** The ledger's rows after position {@code after}, in order. */
    public static List<Row> read(Database db, String database, long after) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (Connection c = db.connect(database);
             PreparedStatement s = c.prepareStatement("""
                     select aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision,
                            payload, meta_data
                     from domain_event_entry where global_index > ? order by global_index""")) {
            c.setAutoCommit(false);
            s.setFetchSize(5000);
            s.setLong(1, after);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(UUID.randomUUID().toString(), rs.getString(1), rs.getLong(2), rs.getString(3),
                                     rs.getString(4), rs.getString(5), rs.getString(6), rs.getBytes(7), rs.getBytes(8)));
                }
            }
        }
        return rows;
    }

    public static Map<String, Object> sizes(List<Row> rows) {
        double payload = rows.stream().mapToLong(r -> r.payload().length).average().orElse(0);
        double metadata = rows.stream().mapToLong(r -> r.metadata() == null ? 0 : r.metadata().length).average().orElse(0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows.size());
        m.put("avgPayloadBytes", Ingest.round(payload));
        m.put("avgMetadataBytes", Ingest.round(metadata));
        return m;
    }

    /** {@code runs} runs of {@link #run}; the run with the median rate is reported, with every run's rate. */
    public static Map<String, Object> median(String phase, Database db, String database, List<Row> rows, int connections,
                                             int batchSize, boolean rewriteBatchedInserts, int runs) throws Exception {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            all.add(run(phase + (runs > 1 ? " run " + (i + 1) : ""), db, database, rows, connections, batchSize,
                        rewriteBatchedInserts));
        }
        all.sort(java.util.Comparator.comparingDouble(m -> ((Number) m.get("eventsPerSecond")).doubleValue()));
        Map<String, Object> median = new LinkedHashMap<>(all.get(all.size() / 2));
        median.put("runs", runs);
        median.put("eventsPerSecondOfEachRun", all.stream().map(m -> m.get("eventsPerSecond")).toList());
        return median;
    }

    /** Inserts the rows into a fresh copy of the event table with {@code connections} connections. */
    public static Map<String, Object> run(String phase, Database db, String database, List<Row> rows, int connections,
                                          int batchSize, boolean rewriteBatchedInserts) throws Exception {
        String url = db.urlOf(database);
        if (rewriteBatchedInserts) {
            url += (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        }
        try (Connection c = db.connect(database); Statement s = c.createStatement()) {
            s.execute("drop table if exists domain_event_entry, snapshot_event_entry, token_entry cascade");
            s.execute("drop sequence if exists domain_event_entry_seq");
            s.execute(schema());
            s.execute("checkpoint");
        }
        Progress.say("> %s: %d rows, %d connection(s), %d rows per batch and transaction%s", phase, rows.size(),
                     connections, batchSize, rewriteBatchedInserts ? ", multi-row rewrite" : "");
        AtomicLong done = new AtomicLong();
        AtomicLong backendTicks = new AtomicLong();
        String jdbcUrl = url;
        CpuMeter cpu = CpuMeter.start(null, db, database);
        PgActivitySampler pg = PgActivitySampler.start(db, database);
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try (Progress progress = Progress.track(phase, rows.size(), "rows", done::get, null)) {
            List<Future<?>> workers = new ArrayList<>();
            int slice = (rows.size() + connections - 1) / connections;
            for (int w = 0; w < connections; w++) {
                List<Row> mine = rows.subList(Math.min(rows.size(), w * slice), Math.min(rows.size(), (w + 1) * slice));
                workers.add(pool.submit(() -> {
                    insert(jdbcUrl, db, mine, batchSize, done, backendTicks);
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> cores = cpu.stop();
        // The inserting connections are closed by now: their backends' CPU was read by the workers.
        double pgCores = backendTicks.get() / 100.0 / seconds;
        cores.put("postgresBackendsCores", CpuMeter.round(pgCores));
        cores.put("otherCores", CpuMeter.round(Math.max(0, ((Number) cores.get("otherCores")).doubleValue() - pgCores)));
        pg.close();
        long count = db.queryLong(database, "select count(*) from domain_event_entry");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("path", "raw JDBC batched inserts" + (rewriteBatchedInserts ? " (reWriteBatchedInserts)" : ""));
        r.put("connections", connections);
        r.put("rowsPerBatch", batchSize);
        r.put("events", count);
        r.put("seconds", Ingest.round(seconds));
        r.put("eventsPerSecond", Ingest.round(count / seconds));
        r.put("cpu", cores);
        r.put("postgres", pg.summary());
        Progress.say("< %s: %d rows in %.2f s = %.0f rows/s", phase, count, seconds, count / seconds);
        return r;
    }

    private static void insert(String url, Database db, List<Row> rows, int batchSize, AtomicLong done,
                               AtomicLong backendTicks) throws Exception {
        try (Connection c = DriverManager.getConnection(url, db.user(), db.password());
             PreparedStatement s = c.prepareStatement("""
                     insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                         time_stamp, payload_type, payload_revision, payload, meta_data)
                     values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            long pid;
            try (Statement q = c.createStatement(); ResultSet rs = q.executeQuery("select pg_backend_pid()")) {
                rs.next();
                pid = rs.getLong(1);
            }
            long ticks0 = CpuMeter.processTicks(pid);
            c.setAutoCommit(false);
            int inBatch = 0;
            for (Row row : rows) {
                s.setString(1, row.eventId());
                s.setString(2, row.aggregateId());
                s.setLong(3, row.sequence());
                s.setString(4, row.type());
                s.setString(5, row.timestamp());
                s.setString(6, row.payloadType());
                s.setString(7, row.payloadRevision());
                s.setBytes(8, row.payload());
                s.setBytes(9, row.metadata());
                s.addBatch();
                if (++inBatch == batchSize) {
                    s.executeBatch();
                    c.commit();
                    done.addAndGet(inBatch);
                    inBatch = 0;
                }
            }
            if (inBatch > 0) {
                s.executeBatch();
                c.commit();
                done.addAndGet(inBatch);
            }
            long ticks1 = CpuMeter.processTicks(pid);
            if (ticks0 >= 0 && ticks1 >= 0) {
                backendTicks.addAndGet(ticks1 - ticks0);
            }
        }
    }

    static String schema() throws IOException {
        try (InputStream in = RawInsert.class.getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA + " is not in the bench jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
