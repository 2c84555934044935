package org.provenance.ledger.api.batch;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.TestUsers;
import org.provenance.ledger.api.support.Http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch's lines are submitted as write groups (BatchLines.CHUNK lines, one transaction, one
 * append): what a line-by-line application guaranteed must still hold inside one group.
 */
class BatchChunkApiTest extends ApiTest {

    @Test
    void a_chunk_commits_in_one_transaction_and_each_line_answers_its_own_last_event() {
        String mine = id("MINE");
        String plant = facility("PROCESSOR", "JP");
        List<String> lots = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        batch.add(line("facility", "\"id\": \"%s\", \"name\": \"Chunk mine\", \"kind\": \"MINE\", \"country\": \"AU\"",
                       mine));
        for (int i = 0; i < 20; i++) {
            String lot = id("LOT");
            lots.add(lot);
            batch.add(extraction(lot, mine, "10"));
            batch.add(transferLine(id("T"), lot, mine, plant));
        }

        List<JsonNode> answers = http.withHeaders(Map.of("X-Request-Id", "chunk-req-1"))
                                     .postNdjson("/api/batches", String.join("\n", batch)).lines();

        assertThat(answers.subList(0, 41)).extracting(a -> a.path("status").asInt()).containsOnly(201);
        List<Long> positions = answers.subList(0, 41).stream().map(a -> a.path("position").asLong()).toList();
        assertThat(positions).doesNotHaveDuplicates().isSorted();
        // every line's events were inserted by one transaction
        assertThat(jdbc.sql("select count(distinct xmin::text) from domain_event_entry where global_index in (:p)")
                       .param("p", positions).query(Long.class).single()).isEqualTo(1L);
        for (int i = 0; i < lots.size(); i++) {
            List<JsonNode> events = events(lots.get(i));
            assertThat(events).extracting(e -> e.path("type").asString()).containsExactly("LotExtracted", "LotTransferred");
            assertThat(events.get(0).path("position").asLong()).isEqualTo(positions.get(1 + 2 * i));
            assertThat(events.get(1).path("position").asLong()).isEqualTo(positions.get(2 + 2 * i));
            for (JsonNode event : events) {
                assertThat(event.path("principal").asString()).isEqualTo(TestUsers.TESTER.principal());
                assertThat(event.path("requestId").asString()).isEqualTo("chunk-req-1");
            }
        }
        assertThat(http.get("/api/lots/" + lots.get(19)).text("custodianId")).isEqualTo(plant);
    }

    @Test
    void racing_transfers_in_one_chunk_have_one_winner_and_the_rest_of_the_chunk_is_recorded() {
        String mine = facility("MINE", "AU");
        String buyerA = facility("BUYER", "US");
        String buyerB = facility("BUYER", "JP");
        String lot = id("LOT");
        String other = id("LOT");
        long before = eventCount();
        String batch = String.join("\n",
                                   extraction(lot, mine, "50"),
                                   transferLine(id("T"), lot, mine, buyerA),
                                   transferLine(id("T"), lot, mine, buyerB),
                                   extraction(other, mine, "5"));

        List<JsonNode> answers = http.postNdjson("/api/batches", batch).lines();

        assertThat(answers.subList(0, 4)).extracting(a -> a.path("status").asInt()).containsExactly(201, 201, 409, 201);
        assertThat(events(lot)).extracting(e -> e.path("type").asString()).containsExactly("LotExtracted", "LotTransferred");
        assertThat(eventCount()).isEqualTo(before + 3);
        assertThat(http.get("/api/lots/" + lot).text("custodianId")).isEqualTo(buyerA);
    }

    @Test
    void identical_twins_in_one_chunk_are_answered_once_and_a_changed_body_is_a_conflict() {
        String mine = facility("MINE", "AU");
        String buyer = facility("BUYER", "US");
        String lot = extract(mine, "30");
        String transferId = id("T");
        String twin = transferLine(transferId, lot, mine, buyer);
        String changed = transferLine(transferId, lot, mine, facility("BUYER", "JP"));
        long before = eventCount();
        String batch = String.join("\n", twin, twin, changed, twin);

        List<JsonNode> answers = http.postNdjson("/api/batches", batch).lines();

        assertThat(answers.subList(0, 4)).extracting(a -> a.path("status").asInt()).containsExactly(201, 201, 409, 201);
        assertThat(answers.get(2).path("problem").path("type").asString()).isEqualTo("/problems/id-in-use");
        assertThat(answers.get(1).path("position").asLong()).isEqualTo(answers.get(0).path("position").asLong());
        assertThat(answers.get(3).path("position").asLong()).isEqualTo(answers.get(0).path("position").asLong());
        assertThat(eventCount()).isEqualTo(before + 1);
    }

    @Test
    void a_transformation_refused_in_a_chunk_changes_none_of_its_lots_and_the_others_are_recorded() {
        String mine = facility("MINE", "AU");
        String plant = facility("PROCESSOR", "JP");
        String a = id("LOT");
        String b = id("LOT");
        String good = id("OUT");
        long before = eventCount();
        String batch = String.join("\n",
                                   extraction(a, mine, "100"), transferLine(id("T"), a, mine, plant),
                                   extraction(b, mine, "10"), transferLine(id("T"), b, mine, plant),
                                   transformation(plant, id("OUT"), a, "50", b, "11"),
                                   transformation(plant, good, a, "60", b, "10"));

        List<JsonNode> answers = http.postNdjson("/api/batches", batch).lines();

        assertThat(answers.subList(0, 6)).extracting(l -> l.path("status").asInt())
                                         .containsExactly(201, 201, 201, 201, 409, 201);
        // 2 extractions, 2 transfers, then 2 consumed + 1 recorded + 1 produced for the one transformation
        assertThat(eventCount()).isEqualTo(before + 8);
        assertThat(http.get("/api/lots/" + a).json().path("remainingMassKg").decimalValue()).isEqualByComparingTo("40");
        assertThat(http.get("/api/lots/" + b).json().path("remainingMassKg").decimalValue()).isEqualByComparingTo("0");
        assertThat(http.get("/api/lots/" + good).text("custodianId")).isEqualTo(plant);
    }

    private List<JsonNode> events(String lotId) {
        Http.Response history = http.get("/api/lots/" + lotId + "/events");
        assertThat(history.status()).as(history.body()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        history.json().path("events").forEach(events::add);
        return events;
    }

    private static String extraction(String lotId, String mineId, String kg) {
        return line("extraction", "\"lotId\": \"%s\", \"mineId\": \"%s\", \"mineral\": \"REE\", \"form\": \"ore\", "
                                  + "\"massKg\": %s", lotId, mineId, kg);
    }

    private static String transferLine(String id, String lotId, String from, String to) {
        return line("transfer", "\"id\": \"%s\", \"lotId\": \"%s\", \"fromFacilityId\": \"%s\", \"toFacilityId\": \"%s\"",
                    id, lotId, from, to);
    }

    private static String transformation(String facility, String output, String a, String aKg, String b, String bKg) {
        return line("transformation", "\"id\": \"%s\", \"facilityId\": \"%s\", \"stage\": \"SEPARATION\", "
                                      + "\"inputs\": [{\"lotId\": \"%s\", \"massKg\": %s}, {\"lotId\": \"%s\", \"massKg\": %s}], "
                                      + "\"outputs\": [{\"lotId\": \"%s\", \"mineral\": \"REE\", \"form\": \"oxide\", "
                                      + "\"massKg\": 20}]", id("X"), facility, a, aKg, b, bKg, output);
    }

    private static String line(String type, String fields, Object... args) {
        return "{\"type\": \"" + type + "\", " + fields.formatted(args) + "}";
    }
}
