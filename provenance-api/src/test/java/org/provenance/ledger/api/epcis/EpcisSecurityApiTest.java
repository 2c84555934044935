package org.provenance.ledger.api.epcis;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.TestUsers;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC 8 on the EPCIS interface: capture is an operator's write, event by event limited to its
 * facilities (events at them, shipping out of them); queries are for compliance and audit.
 */
class EpcisSecurityApiTest extends EpcisApiTest {

    private static final String OWN_MINE = "urn:epc:id:sgln:9999991.00001.0";
    private static final String OWN_PLANT = "urn:epc:id:sgln:9999991.00002.0";
    private static final String OTHER_MINE = "urn:epc:id:sgln:9999991.00003.0";

    private Http operator;

    @BeforeEach
    void facilities() {
        epcisFacility("EPCIS-OP-MINE", "MINE", "AU", OWN_MINE);
        epcisFacility("EPCIS-OP-PLANT", "PROCESSOR", "AU", OWN_PLANT);
        epcisFacility("EPCIS-OTHER-MINE", "MINE", "AU", OTHER_MINE);
        operator = as(TestUsers.EPCIS_OPERATOR);
    }

    @Test
    void anOperatorCapturesEventsAtItsFacilitiesAndShippingOutOfThemOnly() {
        String lot = lot();
        Http.Response own = captured(operator, document(EpcisMappingApiTest.commissioning(urn(), OWN_MINE, lot, 2),
                EpcisMappingApiTest.shipping(urn(), lot, 2000, OWN_MINE, OWN_PLANT, "2027-03-02T08:00:00Z", null)));
        assertThat(own.json().path("capturedCount").asInt()).isEqualTo(2);
        assertThat(http.get("/api/lots/" + lot).json().path("custodianId").asString()).isEqualTo("EPCIS-OP-PLANT");

        // at someone else's mine: refused, and with rollback nothing of the document is kept
        String mine = urn();
        Http.Response other = capture(operator, document(EpcisCaptureApiTest.observe(urn()).replace(
                "\"bizStep\": \"inspecting\",", "\"bizStep\": \"inspecting\", \"bizLocation\": {\"id\": \"" + OWN_MINE + "\"},"),
                EpcisMappingApiTest.commissioning(mine, OTHER_MINE, lot(), 1)), null);
        assertThat(other.status()).isEqualTo(202);
        assertThat(other.json().path("success").asBoolean()).isFalse();
        assertThat(other.json().path("errors").get(0).path("status").asInt()).isEqualTo(403);
        assertThat(other.json().path("errors").get(0).path("eventID").asString()).isEqualTo(mine);
        assertThat(other.json().path("capturedCount").asInt()).isZero();

        // an event that names none of its facilities, and a shipping out of another's custody
        String nowhere = urn();
        String foreignShipping = urn();
        Http.Response proceed = capture(operator, document(EpcisCaptureApiTest.observe(nowhere),
                EpcisMappingApiTest.shipping(foreignShipping, lot(), 1, OTHER_MINE, OWN_PLANT, "2027-03-03T08:00:00Z", null)),
                "proceed");
        assertThat(proceed.json().path("errors")).hasSize(2);
        proceed.json().path("errors").forEach(e -> assertThat(e.path("status").asInt()).isEqualTo(403));

        // the one-event interface answers the refusal itself
        Http.Response single = operator.post("/epcis/events", "application/json", """
                {"@context": %s, "type": "ObjectEvent", "eventID": "%s", "action": "OBSERVE",
                 "eventTime": "2027-03-02T10:00:00Z", "eventTimeZoneOffset": "+00:00", "epcList": [],
                 "bizLocation": {"id": "%s"}}""".formatted(CONTEXT, urn(), OTHER_MINE), Duration.ofSeconds(30));
        assertThat(single.status()).as(single.body()).isEqualTo(403);
        assertThat(single.contentType()).startsWith("application/problem+json");
    }

    @Test
    void queriesAreForComplianceAndAuditAndCaptureForOperators() {
        String id = urn();
        captured(http, document(EpcisCaptureApiTest.observe(id)));
        assertThat(event(as(TestUsers.COMPLIANCE), id).status()).isEqualTo(200);
        assertThat(event(as(TestUsers.AUDITOR), id).status()).isEqualTo(200);
        assertThat(event(operator, id).status()).isEqualTo(403);
        assertThat(event(as(TestUsers.ADMIN), id).status()).isEqualTo(403);
        assertThat(event(anonymous(), id).status()).isEqualTo(401);

        for (TestUsers.User reader : new TestUsers.User[]{TestUsers.COMPLIANCE, TestUsers.AUDITOR, TestUsers.ADMIN}) {
            Http.Response refused = capture(as(reader), document(EpcisCaptureApiTest.observe(urn())), null);
            assertThat(refused.status()).as(reader.name()).isEqualTo(403);
        }
        assertThat(capture(anonymous(), document(EpcisCaptureApiTest.observe(urn())), null).status()).isEqualTo(401);
    }

    @Test
    void aCaptureJobIsReadByItsSubmitterAndTheReaders() {
        Http.Response mine = captured(operator, document(EpcisMappingApiTest.commissioning(urn(), OWN_MINE, lot(), 1)));
        Http.Response testers = captured(http, document(EpcisCaptureApiTest.observe(urn())));
        assertThat(operator.get("/epcis/capture/" + mine.text("captureID")).status()).isEqualTo(200);
        assertThat(operator.get("/epcis/capture/" + testers.text("captureID")).status()).isEqualTo(404);
        assertThat(as(TestUsers.AUDITOR).get("/epcis/capture/" + mine.text("captureID")).status()).isEqualTo(200);
        Http.Response list = operator.get("/epcis/capture");
        assertThat(list.status()).isEqualTo(200);
        list.json().forEach(job -> assertThat(job.path("captureID").asString()).isNotEqualTo(testers.text("captureID")));
        assertThat(list.json().toString()).contains(mine.text("captureID"));
    }

    private static String lot() {
        return "urn:epc:class:lgtin:9999991.012345." + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String urn() {
        return "urn:uuid:" + UUID.randomUUID();
    }
}
