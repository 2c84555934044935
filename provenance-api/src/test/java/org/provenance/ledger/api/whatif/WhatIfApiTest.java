package org.provenance.ledger.api.whatif;

import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.TestUsers;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/what-if (SPEC 13): hypothetical bloc changes and facility corrections; nothing recorded. */
class WhatIfApiTest extends ApiTest {

    private String mineMx;
    private String sepEe;
    private String buyer;
    private final List<String> transfers = new ArrayList<>();

    /**
     * Mexican ore sold to the buyer before 2026-07-01 (T0); more Mexican ore sold to an Estonian
     * separator after it (T1) and its oxide sold to the buyer (T2); Australian ore sold after it (T3).
     */
    private void chain() {
        homeBloc();
        assertThat(http.put("/api/blocs/" + HOME_BLOC + "/members/MX", "{\"effectiveFrom\": \"2000-01-01T00:00:00Z\"}")
                       .status()).isEqualTo(201);
        mineMx = facility("MINE", "MX");
        String mineAu = facility("MINE", "AU");
        sepEe = facility("PROCESSOR", "EE");
        buyer = facility("BUYER", "US");
        String ore0 = extractAt(mineMx, "2026-05-01T00:00:00Z");
        String ore1 = extractAt(mineMx, "2026-05-02T00:00:00Z");
        String ore3 = extractAt(mineAu, "2026-05-03T00:00:00Z");
        transferAt(ore0, mineMx, buyer, "2026-06-01T00:00:00Z");
        transferAt(ore1, mineMx, sepEe, "2026-08-01T00:00:00Z");
        String oxide = id("OXIDE");
        Http.Response made = http.post("/api/transformations", """
                {"id": "%s", "facilityId": "%s", "stage": "SEPARATION", "inputs": [{"lotId": "%s", "massKg": 100}],
                 "outputs": [{"lotId": "%s", "mineral": "REE", "form": "oxide", "massKg": 10}],
                 "occurredAt": "2026-08-10T00:00:00Z"}""".formatted(id("X"), sepEe, ore1, oxide));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        transferAt(oxide, sepEe, buyer, "2026-09-01T00:00:00Z");
        transferAt(ore3, mineAu, buyer, "2026-09-02T00:00:00Z");
    }

    @Test
    void mexico_leaving_lists_exactly_the_purchases_of_mexican_material_after_that_date_and_records_nothing() {
        chain();
        long head = latestEventPosition();
        Http.Response answer = as(TestUsers.COMPLIANCE).post("/api/what-if", """
                {"blocChanges": [{"blocId": "%s", "country": "MX", "change": "LEAVE",
                                  "effectiveFrom": "2026-07-01T00:00:00Z"}]}""".formatted(HOME_BLOC));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(latestEventPosition()).as("nothing recorded").isEqualTo(head);

        List<JsonNode> mine = mine(answer.json().path("purchases"));
        assertThat(mine).extracting(p -> p.path("transferId").asString())
                        .containsExactlyInAnyOrder(transfers.get(1), transfers.get(2));
        for (JsonNode purchase : mine) {
            assertThat(purchase.path("before")).isEmpty();
            assertThat(purchase.path("raised").toString()).contains("NON_BLOC_ORIGIN");
            assertThat(purchase.path("after").get(0).path("share").decimalValue()).isEqualByComparingTo("1");
        }
        // every purchase listed anywhere in the shared ledger carries Mexican origin and is after the date
        for (JsonNode purchase : answer.json().path("purchases")) {
            assertThat(purchase.path("occurredAt").asString()).isGreaterThanOrEqualTo("2026-07-01");
        }
    }

    @Test
    void a_foreign_owner_found_behind_the_separator_flips_the_purchases_of_its_output_only() {
        chain();
        long head = latestEventPosition();
        Http.Response answer = http.post("/api/what-if", """
                {"facilityCorrections": [{"facilityId": "%s", "ownerCountry": "CN",
                                          "effectiveFrom": "2026-01-01T00:00:00Z"}]}""".formatted(sepEe));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(latestEventPosition()).isEqualTo(head);
        List<JsonNode> mine = mine(answer.json().path("purchases"));
        assertThat(mine).extracting(p -> p.path("transferId").asString()).containsExactly(transfers.get(2));
        assertThat(mine.get(0).path("raised").toString()).contains("NON_BLOC_CONTROL");
        assertThat(answer.json().path("lots").findValuesAsString("policy")).contains("BLOC_ORIGIN");
    }

    @Test
    void myanmar_joining_withdraws_the_origin_flag_of_a_purchase_of_its_ore() {
        homeBloc();
        String mineMm = facility("MINE", "MM");
        String buyerUs = facility("BUYER", "US");
        String ore = extractAt(mineMm, "2026-05-01T00:00:00Z");
        transferAt(ore, mineMm, buyerUs, "2026-06-01T00:00:00Z");
        String transferId = transfers.get(transfers.size() - 1);
        assertThat(http.get("/api/flags/" + transferId + ":NON_BLOC_ORIGIN").status()).isEqualTo(200);

        Http.Response answer = http.post("/api/what-if", """
                {"asOf": "2026-07-01T00:00:00Z",
                 "blocChanges": [{"blocId": "%s", "country": "MM", "change": "JOIN",
                                  "effectiveFrom": "2026-01-01T00:00:00Z"}]}""".formatted(HOME_BLOC));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<JsonNode> mine = mine(answer.json().path("purchases"));
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).path("withdrawn").toString()).contains("NON_BLOC_ORIGIN");
        assertThat(mine.get(0).path("after")).isEmpty();
        // the ore is still held by the buyer: its BLOC_ORIGIN verdict at asOf would turn to PASS
        boolean flipped = false;
        for (JsonNode lot : answer.json().path("lots")) {
            flipped |= lot.path("lotId").asString().equals(ore) && lot.path("policy").asString().equals("BLOC_ORIGIN")
                       && lot.path("before").asString().equals("FAIL") && lot.path("after").asString().equals("PASS");
        }
        assertThat(flipped).as(answer.body()).isTrue();
    }

    @Test
    void strict_input_names_the_field_and_records_nothing() {
        long head = latestEventPosition();
        Http.Response unknown = http.post("/api/what-if", """
                {"blocChanges": [{"blocId": "%s", "country": "MX", "change": "LEAVE",
                                  "effectiveFrom": "2026-07-01T00:00:00Z", "why": 1}]}""".formatted(HOME_BLOC));
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        assertNamesField(unknown, "blocChanges[0].why");
        Http.Response wrongType = http.post("/api/what-if", """
                {"blocChanges": [{"blocId": "%s", "country": "MX", "change": 5,
                                  "effectiveFrom": "2026-07-01T00:00:00Z"}]}""".formatted(HOME_BLOC));
        assertThat(wrongType.status()).as(wrongType.body()).isEqualTo(400);
        assertNamesField(wrongType, "blocChanges[0].change");
        Http.Response otherBloc = http.post("/api/what-if", """
                {"blocChanges": [{"blocId": "NOT-HOME", "country": "MX", "change": "JOIN",
                                  "effectiveFrom": "2026-07-01T00:00:00Z"}]}""");
        assertProblem(otherBloc, 400, "invalid-command");
        assertNamesField(otherBloc, "blocChanges[0].blocId");
        Http.Response nothing = http.post("/api/what-if", "{}");
        assertProblem(nothing, 400, "invalid-command");
        assertThat(latestEventPosition()).isEqualTo(head);
        assertThat(as(TestUsers.OPERATOR).post("/api/what-if", "{}").status()).isEqualTo(403);
    }

    private List<JsonNode> mine(JsonNode purchases) {
        Set<String> ours = Set.copyOf(transfers);
        List<JsonNode> mine = new ArrayList<>();
        purchases.forEach(p -> {
            if (ours.contains(p.path("transferId").asString())) {
                mine.add(p);
            }
        });
        return mine;
    }

    private String extractAt(String mineId, String at) {
        String lotId = id("LOT");
        Http.Response r = http.post("/api/lots/extractions", """
                {"lotId": "%s", "mineId": "%s", "mineral": "REE", "form": "ore", "massKg": 100, "occurredAt": "%s"}"""
                .formatted(lotId, mineId, at));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return lotId;
    }

    private void transferAt(String lotId, String from, String to, String at) {
        String id = id("T");
        Http.Response r = http.post("/api/transfers", """
                {"id": "%s", "lotId": "%s", "fromFacilityId": "%s", "toFacilityId": "%s", "occurredAt": "%s"}"""
                .formatted(id, lotId, from, to, at));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        transfers.add(id);
    }
}
