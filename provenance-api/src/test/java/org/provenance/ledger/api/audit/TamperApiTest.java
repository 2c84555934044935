package org.provenance.ledger.api.audit;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.audit.server.ContinuousVerifier;
import org.provenance.ledger.api.support.Http;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tampering with the event table by SQL, as someone with database access could, and what
 * GET /api/audit/verify reports. Each test restores the rows it changed, so the ledger verifies
 * again afterwards for the tests that share this database.
 */
class TamperApiTest extends ApiTest {

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ContinuousVerifier verifier;

    @AfterEach
    void the_ledger_verifies_again_once_restored() {
        Http.Response verify = http.get("/api/audit/verify");
        assertThat(verify.json().path("intact").asBoolean()).as(verify.body()).isTrue();
        // The background verifier may have seen the tampering too: acknowledged once it has seen the repair.
        Forgeries.settle(http, verifier);
    }

    @Test
    void one_altered_payload_byte_is_reported_as_ALTERED_at_its_position() {
        long position = chainedExtraction("700");
        byte[] original = payload(position);
        String text = new String(original, StandardCharsets.UTF_8);
        int digit = text.indexOf("\"massKg\":700") + "\"massKg\":".length();
        byte[] altered = original.clone();
        altered[digit] = '9';

        setPayload(position, altered);
        try {
            assertFailure(http.get("/api/audit/verify"), position, "ALTERED");
        } finally {
            setPayload(position, original);
        }
    }

    @Test
    void altered_metadata_is_reported_as_ALTERED() {
        long position = chainedExtraction("5");
        byte[] original = jdbc.sql("select meta_data from domain_event_entry where global_index = ?").param(position)
                              .query(byte[].class).single();

        jdbc.sql("update domain_event_entry set meta_data = ? where global_index = ?")
            .params("{\"principal\":\"someone-else\"}".getBytes(StandardCharsets.UTF_8), position).update();
        try {
            JsonNode failure = assertFailure(http.get("/api/audit/verify"), position, "ALTERED");
            assertThat(failure.path("detail").asString()).contains("payload is as chained");
        } finally {
            jdbc.sql("update domain_event_entry set meta_data = ? where global_index = ?").params(original, position)
                .update();
        }
    }

    @Test
    void a_deleted_event_is_reported_as_MISSING_at_its_position() {
        long position = chainedExtraction("12");
        Map<String, Object> row = jdbc.sql("select * from domain_event_entry where global_index = ?").param(position)
                                      .query().singleRow();

        jdbc.sql("delete from domain_event_entry where global_index = ?").param(position).update();
        try {
            assertFailure(http.get("/api/audit/verify"), position, "MISSING");
        } finally {
            restore(row);
        }
    }

    @Test
    void an_unsealed_event_inserted_below_the_chain_head_is_reported_as_FORGED() {
        // A position left free by a rolled-back write, which the chain has skipped...
        long gap = jdbc.sql("select nextval('domain_event_entry_seq')").query(Long.class).single();
        long after = chainedExtraction("3");
        assertThat(after).isGreaterThan(gap);
        // ...taken by a forged copy of a real event.
        long source = after - 1;
        Map<String, Object> copy = jdbc.sql("select * from domain_event_entry where global_index = ?").param(source)
                                       .query().singleRow();
        jdbc.sql("""
                 insert into domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number,
                                                 type, time_stamp, payload_type, payload, meta_data)
                 select ?, ?, ?, 0, type, time_stamp, payload_type, payload, meta_data
                 from domain_event_entry where global_index = ?""")
            .params(gap, UUID.randomUUID().toString(), copy.get("aggregate_identifier") + "-FORGED", source).update();
        try {
            JsonNode failure = assertFailure(http.get("/api/audit/verify"), gap, "FORGED");
            assertThat(failure.path("detail").asString()).contains("unsealed");
        } finally {
            jdbc.sql("delete from domain_event_entry where global_index = ?").param(gap).update();
        }
    }

    @Test
    void two_events_with_swapped_payloads_are_reported_as_REORDERED() {
        long first = chainedExtraction("100");
        long second = chainedExtraction("200");
        byte[] firstPayload = payload(first);
        byte[] secondPayload = payload(second);

        transactions.executeWithoutResult(tx -> {
            setPayload(first, secondPayload);
            setPayload(second, firstPayload);
        });
        try {
            JsonNode failure = assertFailure(http.get("/api/audit/verify"), first, "REORDERED");
            assertThat(failure.path("detail").asString()).contains("position " + second);
        } finally {
            transactions.executeWithoutResult(tx -> {
                setPayload(first, firstPayload);
                setPayload(second, secondPayload);
            });
        }
    }

    @Test
    void two_events_moved_to_each_others_positions_are_reported_as_REORDERED() {
        long first = chainedExtraction("300");
        long second = chainedExtraction("400");

        swapPositions(first, second);
        try {
            JsonNode failure = assertFailure(http.get("/api/audit/verify"), first, "REORDERED");
            assertThat(failure.path("detail").asString()).contains("position " + second);
        } finally {
            swapPositions(first, second);
        }
    }

    /** An extraction of a fresh lot, chained; returns its position. */
    private long chainedExtraction(String massKg) {
        String mine = facility("MINE", "AU");
        String lotId = extract(mine, massKg);
        // Let the projections process the rows before they are tampered with: the read models of
        // the shared test database must not keep traces of forged or reordered events.
        assertThat(http.get("/api/lots/" + lotId).status()).isEqualTo(200);
        return awaitChained();
    }

    private byte[] payload(long position) {
        return jdbc.sql("select payload from domain_event_entry where global_index = ?").param(position)
                   .query(byte[].class).single();
    }

    private void setPayload(long position, byte[] payload) {
        jdbc.sql("update domain_event_entry set payload = ? where global_index = ?").params(payload, position).update();
    }

    private void swapPositions(long a, long b) {
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("update domain_event_entry set global_index = ? where global_index = ?").params(-a, a).update();
            jdbc.sql("update domain_event_entry set global_index = ? where global_index = ?").params(a, b).update();
            jdbc.sql("update domain_event_entry set global_index = ? where global_index = ?").params(b, -a).update();
        });
    }

    private void restore(Map<String, Object> row) {
        jdbc.sql("""
                 insert into domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number,
                                                 type, time_stamp, payload_type, payload_revision, payload, meta_data)
                 values (:global_index, :event_identifier, :aggregate_identifier, :sequence_number, :type, :time_stamp,
                         :payload_type, :payload_revision, :payload, :meta_data)""")
            .params(row).update();
    }

    private static JsonNode assertFailure(Http.Response verify, long position, String reason) {
        assertThat(verify.status()).isEqualTo(200);
        assertThat(verify.json().path("intact").asBoolean()).as(verify.body()).isFalse();
        JsonNode failure = verify.json().path("failure");
        assertThat(failure.path("reason").asString()).as(verify.body()).isEqualTo(reason);
        assertThat(failure.path("position").asLong()).as(verify.body()).isEqualTo(position);
        assertThat(failure.path("detail").asString()).isNotBlank();
        return failure;
    }
}
