package org.provenance.ledger.api.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Await;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.audit.server.ContinuousVerifier;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each forgery of issue 14, done with SQL against the running ledger, is found by GET /api/audit/verify,
 * by the offline verifier on a fresh export and by the background verifier within seconds, with its
 * position; a stream whose event was altered refuses writes once that is found (the write path's
 * aggregate cache keeps the state the ledger wrote until then). Each test undoes its forgery and
 * acknowledges the alarm, so the ledger shared by the tests takes writes again.
 */
class ForgeryApiTest extends ApiTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    ContinuousVerifier verifier;

    @TempDir
    Path dir;

    @Test
    void a_copy_of_a_real_transfer_inserted_through_the_sequence_is_FORGED() {
        Chain chain = supplyChain();
        String forger = facility("BUYER", "US");
        Forgeries.Forgery forgery = forgeries().insertThroughSequence(chain.transfer(), chain.buyer(), forger);
        detectedThenUndone(forgery);
        // The projections applied the forged transfer before it was found (docs/AUDIT.md says so); a
        // replay of the repaired history takes it out of the read models the other tests share.
        Http.Response replay = http.post("/api/admin/projections/ledger/replay", "");
        assertThat(replay.status()).as(replay.body()).isEqualTo(202);
        Await.until("the read models are rebuilt from the repaired history", Duration.ofSeconds(120), () -> {
            JsonNode ledger = http.get("/api/admin/projections/ledger").json();
            return ledger.path("replay").path("done").asBoolean() && ledger.path("caughtUp").asBoolean();
        });
        assertThat(http.get("/api/lots/" + chain.lot()).json().path("custodianId").asString()).isEqualTo(chain.buyer());
    }

    @Test
    void a_row_forged_into_a_skipped_gap_is_FORGED_and_in_the_export() {
        long gap = forgeries().burnPosition();
        Chain chain = supplyChain();
        assertThat(chain.transfer()).isGreaterThan(gap);
        detectedThenUndone(forgeries().insertIntoGap(gap, chain.transfer()));
    }

    @Test
    void an_altered_payload_is_ALTERED() {
        Chain chain = supplyChain();
        detectedThenUndone(forgeries().alterPayload(chain.extraction(), "\"massKg\":250.5", "\"massKg\":1250.5"));
    }

    @Test
    void altered_metadata_is_ALTERED() {
        detectedThenUndone(forgeries().alterMetadata(supplyChain().extraction()));
    }

    @Test
    void a_deleted_row_is_MISSING() {
        detectedThenUndone(forgeries().deleteRow(supplyChain().extraction()));
    }

    @Test
    void swapped_rows_are_REORDERED() {
        Chain chain = supplyChain();
        detectedThenUndone(forgeries().swapRows(chain.extraction(), chain.transfer()));
    }

    @Test
    void a_lot_whose_mass_was_raised_in_the_table_never_gets_that_mass_and_refuses_writes_once_found() {
        String mine = facility("MINE", "AU");
        String plant = facility("PROCESSOR", "AU");
        String lot = extract(mine, "848.259");
        assertThat(transfer(id("T"), lot, mine, plant).status()).isEqualTo(201);
        assertThat(http.get("/api/lots/" + lot).status()).isEqualTo(200);
        long extraction = jdbc.sql("select min(global_index) from domain_event_entry where aggregate_identifier = ?")
                              .param("lot/" + lot).query(Long.class).single();
        awaitChained();
        Forgeries.Forgery raised = forgeries().alterPayload(extraction, "848.259", "1848.259");
        long events = eventCount();
        String overdraw = """
                {"id": "%s", "facilityId": "%s", "stage": "CONCENTRATION", "inputs": [{"lotId": "%s", "massKg": 1500}],
                 "outputs": [{"lotId": "%s", "mineral": "REE", "form": "oxide", "massKg": 600}]}""";

        // The lot is in this node's aggregate cache, folded from the rows as the ledger wrote them: the
        // forged mass never drives a decision, whether or not the forgery has been found yet.
        Http.Response decided = http.post("/api/transformations", overdraw.formatted(id("X"), plant, lot, id("OUT")));
        assertThat(decided.status()).as(decided.body()).isIn(409, 503);
        // The background verifier finds it; the alarm empties the cache, so the stream is read from the
        // table again, and refused: while the alarm is raised, and after it is acknowledged (by the seal check).
        Forgeries.awaitAlarm(http, raised);
        assertTampered(http.post("/api/transformations", overdraw.formatted(id("X"), plant, lot, id("OUT"))), extraction);
        Http.Response acknowledged = http.post("/api/audit/alarm/acknowledgement", "");
        assertThat(acknowledged.status()).as(acknowledged.body()).isEqualTo(200);
        assertTampered(http.post("/api/transformations", overdraw.formatted(id("X"), plant, lot, id("OUT"))), extraction);
        assertThat(eventCount()).isEqualTo(events);
        Forgeries.awaitAlarm(http, new Forgeries.Forgery(raised.name(), extraction, "FORGED", "", () -> { }));
        Forgeries.assertVerifyReports(http, raised);

        undo(raised);
        assertThat(transform(plant, "CONCENTRATION", "300", lot, "800")).isNotBlank();
    }

    private static void assertTampered(Http.Response refused, long position) {
        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.text("type")).isEqualTo("/problems/tampered-stream");
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().path("position").asLong()).isEqualTo(position);
    }

    @Test
    void acknowledging_the_alarm_is_for_admins() {
        Http.Response auditor = as(org.provenance.ledger.api.support.TestUsers.AUDITOR)
                .post("/api/audit/alarm/acknowledgement", "");
        assertThat(auditor.status()).isEqualTo(403);
        Http.Response admin = http.post("/api/audit/alarm/acknowledgement", "");
        assertThat(admin.status()).as(admin.body()).isEqualTo(200);
        assertThat(http.get("/api/audit/alarm").json().path("raised").asBoolean()).isFalse();
    }

    private void detectedThenUndone(Forgeries.Forgery forgery) {
        try {
            Forgeries.assertVerifyReports(http, forgery);
            Forgeries.assertOfflineVerifierReports(http, dir, forgery);
            Forgeries.awaitAlarm(http, forgery);
        } finally {
            undo(forgery);
        }
    }

    /** Undoes the forgery; once verify and the background verifier see the ledger intact, acknowledges. */
    private void undo(Forgeries.Forgery forgery) {
        forgery.repair().run();
        Forgeries.settle(http, verifier);
        Http.Response readiness = http.get("/actuator/health/readiness");
        assertThat(readiness.json().path("components").path("audit").path("status").asString())
                .as(readiness.body()).isEqualTo("UP");
    }

    private Forgeries forgeries() {
        return new Forgeries(dataSource);
    }

    private record Chain(String mine, String buyer, String lot, long extraction, long transfer) {
    }

    /** A lot extracted and transferred, read by the projections (so no read model keeps a forgery), chained. */
    private Chain supplyChain() {
        String mine = facility("MINE", "AU");
        String buyer = facility("BUYER", "US");
        String lot = extract(mine, "250.5");
        assertThat(transfer(id("T"), lot, mine, buyer).status()).isEqualTo(201);
        assertThat(http.get("/api/lots/" + lot).status()).isEqualTo(200);
        var positions = jdbc.sql("select global_index from domain_event_entry where aggregate_identifier = ? "
                                 + "order by sequence_number").param("lot/" + lot).query(Long.class).list();
        assertThat(positions).hasSize(2);
        awaitChained();
        return new Chain(mine, buyer, lot, positions.get(0), positions.get(1));
    }
}
