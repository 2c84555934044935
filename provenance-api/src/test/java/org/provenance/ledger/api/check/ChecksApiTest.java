package org.provenance.ledger.api.check;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC 5 procurement checks and SPEC 6/9 as-of reads, over HTTP. */
class ChecksApiTest extends ApiTest {

    private static final String BEFORE_2027 = "2026-12-15T00:00:00Z";
    private static final String AFTER_2027 = "2027-01-02T00:00:00Z";

    @BeforeEach
    void bloc() {
        homeBloc();
    }

    /** US ore -> separation in separatorCountry -> magnets made in magnetCountry -> sold to a US buyer. */
    private String magnetChain(String separatorCountry, String magnetCountry) {
        String mine = facility("MINE", "US");
        String separator = facility("PROCESSOR", separatorCountry);
        String magnetPlant = facility("PROCESSOR", magnetCountry);
        String buyer = facility("BUYER", "US");
        String ore = extractAt(mine, "500", "2026-02-01T00:00:00Z");
        post("/api/transfers", """
                {"id": "%s", "lotId": "%s", "fromFacilityId": "%s", "toFacilityId": "%s",
                 "occurredAt": "2026-02-10T00:00:00Z"}""".formatted(id("T"), ore, mine, separator));
        String oxide = id("OXIDE");
        post("/api/transformations", """
                {"id": "%s", "facilityId": "%s", "stage": "SEPARATION", "occurredAt": "2026-03-01T00:00:00Z",
                 "inputs": [{"lotId": "%s", "massKg": 500}],
                 "outputs": [{"lotId": "%s", "mineral": "REE", "form": "oxide", "massKg": 60}]}"""
                .formatted(id("X"), separator, ore, oxide));
        post("/api/transfers", """
                {"id": "%s", "lotId": "%s", "fromFacilityId": "%s", "toFacilityId": "%s",
                 "occurredAt": "2026-03-10T00:00:00Z"}""".formatted(id("T"), oxide, separator, magnetPlant));
        String magnet = id("MAGNET");
        post("/api/transformations", """
                {"id": "%s", "facilityId": "%s", "stage": "PRODUCTION", "occurredAt": "2026-04-01T00:00:00Z",
                 "inputs": [{"lotId": "%s", "massKg": 60}],
                 "outputs": [{"lotId": "%s", "mineral": "REE", "form": "NdFeB magnet", "massKg": 55}]}"""
                .formatted(id("X"), magnetPlant, oxide, magnet));
        post("/api/transfers", """
                {"id": "%s", "lotId": "%s", "fromFacilityId": "%s", "toFacilityId": "%s",
                 "occurredAt": "2026-05-01T00:00:00Z"}""".formatted(id("T"), magnet, magnetPlant, buyer));
        return magnet;
    }

    @Test
    void separation_in_china_passes_dfars_until_2027_only() {
        String magnet = magnetChain("CN", "JP");

        JsonNode before = dfars(magnet, BEFORE_2027);
        assertThat(before.path("verdict").asString()).isEqualTo("PASS");
        assertThat(before.path("changesOn").asString()).isEqualTo("2027-01-01");
        assertThat(before.path("reasons")).isEmpty();

        JsonNode after = dfars(magnet, AFTER_2027);
        assertThat(after.path("verdict").asString()).isEqualTo("FAIL");
        assertThat(after.path("changesOn").isNull()).isTrue();
        assertThat(codes(after)).containsExactly("SEPARATION_IN_COVERED_COUNTRY");
        assertThat(after.path("reasons").get(0).path("share").decimalValue()).isEqualByComparingTo("1");
        JsonNode evidence = after.path("evidence").get(0);
        assertThat(evidence.path("country").asString()).isEqualTo("CN");
        assertThat(evidence.path("stage").asString()).isEqualTo("SEPARATION");
        // The chain runs from the lot recorded at the offending facility down to the checked lot.
        assertThat(evidence.path("chain")).extracting(JsonNode::asText)
                                          .containsExactly(evidence.path("lotId").asString(), magnet);
    }

    @Test
    void magnets_produced_in_china_fail_on_both_dates() {
        String magnet = magnetChain("EE", "CN");

        JsonNode before = dfars(magnet, BEFORE_2027);
        JsonNode after = dfars(magnet, AFTER_2027);

        assertThat(before.path("verdict").asString()).isEqualTo("FAIL");
        assertThat(codes(before)).containsExactly("PRODUCTION_IN_COVERED_COUNTRY");
        assertThat(before.path("changesOn").isNull()).isTrue();
        assertThat(after.path("verdict").asString()).isEqualTo("FAIL");
    }

    @Test
    void an_all_bloc_chain_passes_on_both_dates() {
        String magnet = magnetChain("EE", "JP");

        for (String date : List.of(BEFORE_2027, AFTER_2027)) {
            JsonNode check = dfars(magnet, date);
            assertThat(check.path("verdict").asString()).isEqualTo("PASS");
            assertThat(check.path("changesOn").isNull()).isTrue();
        }
        JsonNode bloc = http.get("/api/lots/" + magnet + "/checks/BLOC_ORIGIN?asOf=" + BEFORE_2027).json();
        assertThat(bloc.path("verdict").asString()).isEqualTo("PASS");
        assertThat(bloc.path("policy").asString()).isEqualTo("BLOC_ORIGIN");
    }

    @Test
    void an_unknown_share_fails_as_unverifiable() {
        String trader = facility("TRADER", "DE");
        String lotId = id("LOT");
        post("/api/lots/registrations", """
                {"lotId": "%s", "custodianId": "%s", "mineral": "W", "form": "powder", "massKg": 9,
                 "occurredAt": "2026-02-01T00:00:00Z"}""".formatted(lotId, trader));

        JsonNode check = dfars(lotId, BEFORE_2027);

        assertThat(check.path("verdict").asString()).isEqualTo("FAIL");
        assertThat(codes(check)).containsExactly("UNVERIFIABLE");
        assertThat(check.path("reasons").get(0).path("detail").asString()).contains("unverifiable");
        assertThat(check.path("evidence").get(0).path("facilityId").asString()).isEqualTo(trader);
    }

    @Test
    void bloc_origin_fails_for_non_bloc_processing_with_its_share() {
        String magnet = magnetChain("CN", "JP");

        JsonNode check = http.get("/api/lots/" + magnet + "/checks/BLOC_ORIGIN?asOf=" + BEFORE_2027).json();

        assertThat(check.path("verdict").asString()).isEqualTo("FAIL");
        assertThat(codes(check)).containsExactly("NON_BLOC_PROCESSING");
        assertThat(check.path("reasons").get(0).path("share").decimalValue()).isEqualByComparingTo("1");
    }

    @Test
    void check_errors_are_problems() {
        String magnet = magnetChain("EE", "JP");

        assertProblem(http.get("/api/lots/" + magnet + "/checks/ITAR"), 404, "not-found");
        assertProblem(http.get("/api/lots/" + id("NOPE") + "/checks/BLOC_ORIGIN"), 404, "not-found");
        assertProblem(http.get("/api/lots/" + magnet + "/checks/BLOC_ORIGIN?asOf=2020-01-01T00:00:00Z"), 404, "not-found");
        Http.Response badDate = http.get("/api/lots/" + magnet + "/checks/BLOC_ORIGIN?asOf=soon");
        assertProblem(badDate, 400, "invalid-parameter");
        assertNamesField(badDate, "asOf");
    }

    @Test
    void a_lot_as_of_an_instant_shows_who_held_it_then() {
        String mine = facility("MINE", "AU");
        String buyer = facility("BUYER", "US");
        String lotId = extractAt(mine, "80", "2026-06-01T00:00:00Z");
        post("/api/transfers", """
                {"id": "%s", "lotId": "%s", "fromFacilityId": "%s", "toFacilityId": "%s",
                 "occurredAt": "2026-07-01T00:00:00Z"}""".formatted(id("T"), lotId, mine, buyer));

        Http.Response beforeTransfer = http.get("/api/lots/" + lotId + "?asOf=2026-06-15T00:00:00Z");
        Http.Response afterTransfer = http.get("/api/lots/" + lotId + "?asOf=2026-07-01T00:00:00Z");
        Http.Response beforeCreation = http.get("/api/lots/" + lotId + "?asOf=2026-05-31T23:59:59Z");

        assertThat(beforeTransfer.status()).isEqualTo(200);
        assertThat(beforeTransfer.text("custodianId")).isEqualTo(mine);
        assertThat(beforeTransfer.json().path("exposure").path("asOf").asString()).isEqualTo("2026-06-15T00:00:00Z");
        assertThat(afterTransfer.text("custodianId")).isEqualTo(buyer);
        assertProblem(beforeCreation, 404, "not-found");
    }

    @Test
    void a_lot_as_of_an_instant_shows_the_mass_remaining_then() {
        String mine = facility("MINE", "AU");
        String plant = facility("PROCESSOR", "JP");
        String lotId = extractAt(mine, "100", "2026-06-01T00:00:00Z");
        post("/api/transfers", """
                {"id": "%s", "lotId": "%s", "fromFacilityId": "%s", "toFacilityId": "%s",
                 "occurredAt": "2026-06-02T00:00:00Z"}""".formatted(id("T"), lotId, mine, plant));
        String output = id("OUT");
        post("/api/transformations", """
                {"id": "%s", "facilityId": "%s", "stage": "CONCENTRATION", "occurredAt": "2026-06-10T00:00:00Z",
                 "inputs": [{"lotId": "%s", "massKg": 40}],
                 "outputs": [{"lotId": "%s", "mineral": "REE", "form": "concentrate", "massKg": 40}]}"""
                .formatted(id("X"), plant, lotId, output));

        JsonNode before = http.get("/api/lots/" + lotId + "?asOf=2026-06-09T00:00:00Z").json();
        JsonNode after = http.get("/api/lots/" + lotId + "?asOf=2026-06-10T00:00:00Z").json();

        assertThat(before.path("remainingMassKg").decimalValue()).isEqualByComparingTo("100");
        assertThat(before.path("childLotIds")).isEmpty();
        assertThat(after.path("remainingMassKg").decimalValue()).isEqualByComparingTo("60");
        assertThat(after.path("childLotIds")).extracting(JsonNode::asText).containsExactly(output);
    }

    private String extractAt(String mine, String massKg, String at) {
        String lotId = id("LOT");
        post("/api/lots/extractions", """
                {"lotId": "%s", "mineId": "%s", "mineral": "REE", "form": "ore", "massKg": %s, "occurredAt": "%s"}"""
                .formatted(lotId, mine, massKg, at));
        return lotId;
    }

    private void post(String path, String body) {
        Http.Response r = http.post(path, body);
        assertThat(r.status()).as(path + " " + r.body()).isEqualTo(201);
    }

    private JsonNode dfars(String lotId, String asOf) {
        Http.Response r = http.get("/api/lots/" + lotId + "/checks/DFARS_252_225_7052?asOf=" + asOf);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.text("policy")).isEqualTo("DFARS_252_225_7052");
        assertThat(r.text("lotId")).isEqualTo(lotId);
        return r.json();
    }

    private static List<String> codes(JsonNode check) {
        List<String> codes = new ArrayList<>();
        check.path("reasons").forEach(r -> codes.add(r.path("code").asString()));
        return codes;
    }
}
