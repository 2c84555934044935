package org.provenance.ledger.bench.run;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A large event store made fast: the ledger's own lot and transformation events, copied straight
 * into its domain_event_entry in Axon's format (same payload types, metadata and timestamps), each
 * copy with its lot, transfer and transformation ids suffixed {@code -R<n>} (in the payload and the
 * stream id). Facilities, blocs and reviews are not copied, so every copy is a new supply chain
 * of the same facilities: the projections compute its compositions and flags as for the original.
 * Copies are appended in order, one after the other, so a lot's inputs precede it in every copy.
 */
public final class StoreCopies {

    // The stored JSON is edited as text: parsing and writing it again could change how its decimals read.
    private static final Pattern ID_FIELD = Pattern.compile(
            "(\"(?:lotId|transferId|transformationId)\"\\s*:\\s*\"(?:[^\"\\\\]|\\\\.)*)\"");
    private static final String MARK = "@@COPY@@";

    private record Template(String streamPrefix, String streamId, long sequence, String type, String timestamp,
                            String payloadType, String payloadRevision, String payload, byte[] metadata) {
    }

    private StoreCopies() {
    }

    /** Appends copies until the store holds at least {@code targetEvents}; returns what was done. */
    public static Map<String, Object> fill(Database db, String database, long targetEvents) throws Exception {
        List<Template> templates = templates(db, database);
        long before = db.events(database);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("eventsBefore", before);
        r.put("eventsPerCopy", templates.size());
        if (templates.isEmpty() || before >= targetEvents) {
            r.put("copies", 0);
            r.put("eventsAfter", before);
            return r;
        }
        int copies = (int) Math.ceil((targetEvents - before) / (double) templates.size());
        Progress.say("> store-fill: %d copies of %d lot and transformation events (store: %d events, target %d)",
                     copies, templates.size(), before, targetEvents);
        String url = db.urlOf(database);
        url += (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        long started = System.nanoTime();
        java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
        try (Progress progress = Progress.track("store-fill", (long) copies * templates.size(), "events", done::get, null);
             Connection c = DriverManager.getConnection(url, db.user(), db.password());
             PreparedStatement s = c.prepareStatement("""
                     insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                         time_stamp, payload_type, payload_revision, payload, meta_data)
                     values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            c.setAutoCommit(false);
            int inBatch = 0;
            for (int copy = 1; copy <= copies; copy++) {
                String suffix = "-R" + copy;
                for (Template t : templates) {
                    s.setString(1, UUID.randomUUID().toString());
                    s.setString(2, t.streamPrefix() + t.streamId() + suffix);
                    s.setLong(3, t.sequence());
                    s.setString(4, t.type());
                    s.setString(5, t.timestamp());
                    s.setString(6, t.payloadType());
                    s.setString(7, t.payloadRevision());
                    s.setBytes(8, t.payload().replace(MARK, suffix).getBytes(StandardCharsets.UTF_8));
                    s.setBytes(9, t.metadata());
                    s.addBatch();
                    if (++inBatch == 2000) {
                        s.executeBatch();
                        c.commit();
                        done.addAndGet(inBatch);
                        inBatch = 0;
                    }
                }
            }
            if (inBatch > 0) {
                s.executeBatch();
                c.commit();
                done.addAndGet(inBatch);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long after = db.events(database);
        r.put("copies", copies);
        r.put("eventsAfter", after);
        r.put("seconds", Ingest.round(seconds));
        r.put("eventsPerSecond", Ingest.round((after - before) / seconds));
        r.put("storeBytes", db.queryLong(database, "select pg_total_relation_size('domain_event_entry')"));
        Progress.say("< store-fill: %d events appended in %.1f s; the store holds %d events", after - before, seconds,
                     after);
        return r;
    }

    private static List<Template> templates(Database db, String database) throws Exception {
        List<Template> templates = new ArrayList<>();
        try (Connection c = db.connect(database);
             PreparedStatement s = c.prepareStatement("""
                     select aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision,
                            payload, meta_data
                     from domain_event_entry
                     where aggregate_identifier like 'lot/%' or aggregate_identifier like 'transformation/%'
                     order by global_index""")) {
            c.setAutoCommit(false);
            s.setFetchSize(5000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String stream = rs.getString(1);
                    int slash = stream.indexOf('/');
                    String payload = ID_FIELD.matcher(new String(rs.getBytes(7), StandardCharsets.UTF_8))
                                             .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MARK + "\""));
                    templates.add(new Template(stream.substring(0, slash + 1), stream.substring(slash + 1),
                                               rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                               rs.getString(6), payload, rs.getBytes(8)));
                }
            }
        }
        return templates;
    }
}
