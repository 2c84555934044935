package org.provenance.ledger.api.report;

import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.demo.DemoSupplyChain;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.TestUsers;
import org.provenance.ledger.facility.FacilityKind;
import org.provenance.ledger.facility.FacilityRegistered;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/reports/smelters (SPEC 13) and facilities' external ids. */
class SmelterReportApiTest extends ApiTest {

    @Autowired
    DemoSupplyChain demo;

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("eventSerializer")
    Serializer eventSerializer;

    @Test
    void the_demo_us_buyer_received_material_from_the_estonian_and_chinese_separation_plants() {
        homeBloc();
        demo.load();
        Http.Response report = as(TestUsers.AUDITOR).get("/api/reports/smelters?buyerId=DEMO-BUY-US-2&from=2026-01-01");
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.json().path("receivedMassKg").decimalValue()).isEqualByComparingTo("150");
        JsonNode cn = row(report.json(), "DEMO-SEP-CN", "SEPARATION");
        JsonNode ee = row(report.json(), "DEMO-SEP-EE", "SEPARATION");
        assertThat(cn.path("country").asString()).isEqualTo("CN");
        assertThat(cn.path("share").decimalValue()).isEqualByComparingTo("0.6");
        assertThat(cn.path("massKg").decimalValue()).isEqualByComparingTo("90");
        assertThat(ee.path("country").asString()).isEqualTo("EE");
        assertThat(ee.path("share").decimalValue()).isEqualByComparingTo("0.4");
        assertThat(row(report.json(), "DEMO-MAG-JP", "PRODUCTION").path("mineral").asString()).isEqualTo("REE");
        assertThat(report.json().path("facilities").findValuesAsString("facilityId")).doesNotContain("DEMO-MINE-US");

        Http.Response csv = as(TestUsers.COMPLIANCE).withHeaders(Map.of("Accept", "text/csv"))
                                                    .get("/api/reports/smelters?buyerId=DEMO-BUY-US-2");
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("Metal,Smelter Name,Smelter Country,Smelter Identification,"
                                        + "Source of Smelter Identification Number,Facility Id,Stage");
        assertThat(csv.body()).contains("REE,Northern Steppe Separation,CN,,,DEMO-SEP-CN,SEPARATION,,90,0.6,1\r\n")
                              .contains("REE,Narva Baltic Separation,EE,,,DEMO-SEP-EE,SEPARATION,,60,0.4,1\r\n");
        assertThat(as(TestUsers.OPERATOR).get("/api/reports/smelters?buyerId=DEMO-BUY-US-2").status()).isEqualTo(403);
    }

    @Test
    void an_external_id_is_recorded_read_back_and_listed_and_events_without_one_still_load() throws Exception {
        homeBloc();
        String mine = facility("MINE", "AU");
        String refinery = id("REFINERY");
        Http.Response registered = http.post("/api/facilities", """
                {"id": "%s", "name": "Refinery, \\"North\\"", "kind": "PROCESSOR", "country": "DE",
                 "externalId": {"scheme": "RMI", "value": "CID001234"}}""".formatted(refinery));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String buyer = facility("BUYER", "US");
        String ore = extract(mine, "10");
        assertThat(transfer(id("T"), ore, mine, refinery).status()).isEqualTo(201);
        String metal = transform(refinery, "REFINING", "5", ore, "10");
        assertThat(transfer(id("T"), metal, refinery, buyer).status()).isEqualTo(201);

        JsonNode facility = http.get("/api/facilities/" + refinery).json();
        assertThat(facility.path("externalId").path("scheme").asString()).isEqualTo("RMI");
        assertThat(facility.path("externalId").path("value").asString()).isEqualTo("CID001234");
        assertThat(http.get("/api/facilities/" + mine).json().path("externalId").isNull()).isTrue();

        Http.Response csv = http.withHeaders(Map.of("Accept", "text/csv")).get("/api/reports/smelters?buyerId=" + buyer);
        assertThat(csv.body()).contains("REE,\"Refinery, \"\"North\"\"\",DE,CID001234,RMI," + refinery + ",REFINING,,5,1,1\r\n");

        Http.Response bad = http.post("/api/facilities", """
                {"id": "%s", "name": "X", "kind": "PROCESSOR", "country": "DE", "externalId": {"scheme": "RMI"}}"""
                .formatted(id("F")));
        assertProblem(bad, 400, "invalid-command");
        assertNamesField(bad, "externalId.value");

        // an event stored before the field existed
        byte[] old = """
                {"facilityId":"OLD-1","name":"Old","kind":"MINE","country":"AU","ownerCountry":null}"""
                .getBytes(StandardCharsets.UTF_8);
        FacilityRegistered read = eventSerializer.deserialize(
                new SimpleSerializedObject<>(old, byte[].class, FacilityRegistered.class.getName(), null));
        assertThat(read).isEqualTo(new FacilityRegistered("OLD-1", "Old", FacilityKind.MINE, "AU", null, null));
    }

    @Test
    void a_buyer_is_required_and_must_exist() {
        Http.Response missing = http.get("/api/reports/smelters");
        assertProblem(missing, 400, "invalid-command");
        assertNamesField(missing, "buyerId");
        assertNamesField(http.get("/api/reports/smelters?buyerId=NO-SUCH-BUYER"), "buyerId");
    }

    private static JsonNode row(JsonNode report, String facilityId, String stage) {
        for (JsonNode row : report.path("facilities")) {
            if (row.path("facilityId").asString().equals(facilityId) && row.path("stage").asString().equals(stage)) {
                return row;
            }
        }
        throw new AssertionError(facilityId + " " + stage + " not in " + report);
    }
}
