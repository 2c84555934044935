package org.provenance.ledger.api.audit;

import org.provenance.ledger.api.support.Await;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.audit.chain.VerifyExportCommand;
import org.provenance.ledger.audit.server.ContinuousVerifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forgeries someone with SQL access to the event table would try (issue 14), each with what the ledger
 * must report and how to undo it; and the three ways the ledger must detect them: GET /api/audit/verify,
 * the offline verifier on a fresh export, and the background verifier's alarm.
 */
final class Forgeries {

    /**
     * @param position where it must be reported
     * @param kind     what /api/audit/verify and the alarm call it
     * @param offline  what the offline verifier calls it (it cannot tell a moved row from an altered one)
     */
    record Forgery(String name, long position, String kind, String offline, Runnable repair) {
    }

    private final DataSource dataSource;
    private final JdbcClient jdbc;

    Forgeries(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** A copy of a real transfer, to another receiver, appended to its lot's stream through the sequence. */
    Forgery insertThroughSequence(long transferPosition, String realReceiver, String forgersFacility) {
        long position = jdbc.sql("""
                                 insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                                                                 time_stamp, payload_type, payload_revision, payload, meta_data)
                                 select ?, aggregate_identifier,
                                        (select max(sequence_number) + 1 from domain_event_entry d
                                         where d.aggregate_identifier = e.aggregate_identifier),
                                        type, time_stamp, payload_type, payload_revision,
                                        convert_to(replace(convert_from(payload, 'UTF8'), ?, ?), 'UTF8'), meta_data
                                 from domain_event_entry e where global_index = ?
                                 returning global_index""")
                            .params(UUID.randomUUID().toString(), realReceiver, forgersFacility, transferPosition)
                            .query(Long.class).single();
        return new Forgery("insert through the sequence", position, "FORGED", "FORGED", () -> delete(position));
    }

    /** A copy of a real event in a position the chain skipped as a rolled-back write. */
    Forgery insertIntoGap(long gap, long sourcePosition) {
        jdbc.sql("""
                 insert into domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number,
                                                 type, time_stamp, payload_type, payload, meta_data)
                 select ?, ?, aggregate_identifier || '-FORGED', 0, type, time_stamp, payload_type, payload, meta_data
                 from domain_event_entry where global_index = ?""")
            .params(gap, UUID.randomUUID().toString(), sourcePosition).update();
        return new Forgery("insert into a gap", gap, "FORGED", "FORGED", () -> delete(gap));
    }

    Forgery alterPayload(long position, String from, String to) {
        byte[] original = column(position, "payload");
        String text = new String(original, StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        set(position, "payload", text.replace(from, to).getBytes(StandardCharsets.UTF_8));
        return new Forgery("altered payload", position, "ALTERED", "ALTERED", () -> set(position, "payload", original));
    }

    Forgery alterMetadata(long position) {
        byte[] original = column(position, "meta_data");
        set(position, "meta_data", "{\"principal\":\"someone-else\"}".getBytes(StandardCharsets.UTF_8));
        return new Forgery("altered metadata", position, "ALTERED", "ALTERED", () -> set(position, "meta_data", original));
    }

    Forgery deleteRow(long position) {
        Map<String, Object> row = jdbc.sql("select * from domain_event_entry where global_index = ?").param(position)
                                      .query().singleRow();
        delete(position);
        return new Forgery("deleted row", position, "MISSING", "MISSING", () -> jdbc.sql("""
                insert into domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number,
                                                type, time_stamp, payload_type, payload_revision, payload, meta_data)
                values (:global_index, :event_identifier, :aggregate_identifier, :sequence_number, :type, :time_stamp,
                        :payload_type, :payload_revision, :payload, :meta_data)""").params(row).update());
    }

    /** Two rows moved to each other's positions, in one transaction. */
    Forgery swapRows(long first, long second) {
        swap(first, second);
        return new Forgery("swapped rows", first, "REORDERED", "ALTERED", () -> swap(first, second));
    }

    /** Burns a position, as a rolled-back write does. */
    long burnPosition() {
        return jdbc.sql("select nextval('domain_event_entry_seq')").query(Long.class).single();
    }

    private void swap(long a, long b) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.executeUpdate("update domain_event_entry set global_index = " + -a + " where global_index = " + a);
            statement.executeUpdate("update domain_event_entry set global_index = " + a + " where global_index = " + b);
            statement.executeUpdate("update domain_event_entry set global_index = " + b + " where global_index = " + -a);
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void delete(long position) {
        jdbc.sql("delete from domain_event_entry where global_index = ?").param(position).update();
    }

    private byte[] column(long position, String column) {
        return jdbc.sql("select " + column + " from domain_event_entry where global_index = ?").param(position)
                   .query(byte[].class).single();
    }

    private void set(long position, String column, byte[] value) {
        jdbc.sql("update domain_event_entry set " + column + " = ? where global_index = ?").params(value, position)
            .update();
    }

    // ---- detection

    /** GET /api/audit/verify names the forgery's position and kind as its first failure. */
    static void assertVerifyReports(Http http, Forgery forgery) {
        Http.Response verify = http.get("/api/audit/verify");
        assertThat(verify.status()).isEqualTo(200);
        assertThat(verify.json().path("intact").asBoolean()).as(forgery.name() + ": " + verify.body()).isFalse();
        JsonNode failure = verify.json().path("failure");
        assertThat(failure.path("reason").asString()).as(forgery.name() + ": " + verify.body()).isEqualTo(forgery.kind());
        assertThat(failure.path("position").asLong()).as(forgery.name() + ": " + verify.body())
                                                     .isEqualTo(forgery.position());
    }

    /** A fresh export, checked offline against a fresh checkpoint, fails at the forgery's position. */
    static void assertOfflineVerifierReports(Http http, Path dir, Forgery forgery) {
        Path checkpoint = download(http, "/api/audit/checkpoint", dir.resolve("checkpoint.json"));
        Path key = download(http, "/api/audit/public-key", dir.resolve("public-key.json"));
        Path export = download(http, "/api/audit/export", dir.resolve("export.ndjson"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = VerifyExportCommand.run(new String[]{export.toString(), "--public-key", key.toString(),
                "--checkpoint", checkpoint.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8));
        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(forgery.name() + ": " + output).isEqualTo(1);
        assertThat(output).as(forgery.name()).contains("NOT VERIFIED: position " + forgery.position() + ": "
                                                       + forgery.offline() + ":");
    }

    /** The background verifier raises an alarm naming the forgery within seconds; readiness says so. */
    static void awaitAlarm(Http http, Forgery forgery) {
        Await.until("the background verifier reports " + forgery.name() + " at position " + forgery.position(),
                    Duration.ofSeconds(20), () -> {
                        for (JsonNode finding : http.get("/api/audit/alarm").json().path("findings")) {
                            if (finding.path("position").asLong() == forgery.position()
                                && finding.path("kind").asString().equals(forgery.kind())) {
                                return true;
                            }
                        }
                        return false;
                    });
        Http.Response readiness = http.get("/actuator/health/readiness");
        assertThat(readiness.status()).as(readiness.body()).isEqualTo(503);
        assertThat(readiness.json().path("components").path("audit").path("status").asString()).isEqualTo("DOWN");
        assertThat(readiness.body()).containsPattern("\"position\":" + forgery.position() + "[,}]");
    }

    /**
     * Once the tampering is undone: waits until verify is intact and the background verifier has seen it so
     * (two rounds, so none that began before the repair is still running), then acknowledges the alarm, so
     * the tests sharing the ledger can write again.
     */
    static void settle(Http http, ContinuousVerifier verifier) {
        Await.until("the ledger verifies again", Duration.ofSeconds(60),
                    () -> http.get("/api/audit/verify").json().path("intact").asBoolean());
        long rounds = verifier.rounds();
        Await.until("two rounds of the background verifier", Duration.ofSeconds(20),
                    () -> verifier.rounds() >= rounds + 2);
        Http.Response acknowledged = http.post("/api/audit/alarm/acknowledgement", "");
        assertThat(acknowledged.status()).as(acknowledged.body()).isEqualTo(200);
        assertThat(http.get("/api/audit/alarm").json().path("raised").asBoolean()).isFalse();
    }

    private static Path download(Http http, String path, Path file) {
        Http.Response response = http.get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        try {
            return Files.writeString(file, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
