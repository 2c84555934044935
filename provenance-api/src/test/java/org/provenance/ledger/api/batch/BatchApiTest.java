package org.provenance.ledger.api.batch;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.TestUsers;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BatchApiTest extends ApiTest {

    @Test
    void lines_are_applied_in_order_each_with_its_own_answer() {
        String mine = id("MINE");
        String plant = id("PLANT");
        String ore = id("ORE");
        String oxide = id("OXIDE");
        long events = eventCount();
        String batch = String.join("\n",
                line("facility", "\"id\": \"%s\", \"name\": \"Batch mine\", \"kind\": \"MINE\", \"country\": \"AU\"", mine),
                line("facility", "\"id\": \"%s\", \"name\": \"Batch plant\", \"kind\": \"PROCESSOR\", \"country\": \"JP\"", plant),
                line("extraction", "\"lotId\": \"%s\", \"mineId\": \"%s\", \"mineral\": \"REE\", \"form\": \"ore\", \"massKg\": 100",
                     ore, mine),
                line("extraction", "\"lotId\": \"%s\", \"mineId\": \"%s\", \"mineral\": \"REE\", \"form\": \"ore\", \"massKg\": 0",
                     id("BAD"), mine),
                line("transfer", "\"id\": \"%s\", \"lotId\": \"%s\", \"fromFacilityId\": \"%s\", \"toFacilityId\": \"%s\"",
                     id("T"), ore, mine, plant),
                "{\"type\": \"teleportation\"}",
                "{not json",
                line("transformation", "\"id\": \"%s\", \"facilityId\": \"%s\", \"stage\": \"SEPARATION\", "
                        + "\"inputs\": [{\"lotId\": \"%s\", \"massKg\": 100}], "
                        + "\"outputs\": [{\"lotId\": \"%s\", \"mineral\": \"REE\", \"form\": \"oxide\", \"massKg\": 20}]",
                     id("X"), plant, ore, oxide),
                "");

        Http.Response response = http.postNdjson("/api/batches", batch);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/x-ndjson");
        List<JsonNode> lines = response.lines();
        assertThat(lines).hasSize(9);
        assertThat(lines.subList(0, 8)).extracting(l -> l.path("status").asInt())
                                       .containsExactly(201, 201, 201, 400, 201, 400, 400, 201);
        assertThat(lines.get(3).path("problem").path("errors").get(0).path("field").asString()).isEqualTo("massKg");
        assertThat(lines.get(5).path("problem").path("errors").get(0).path("field").asString()).isEqualTo("type");
        assertThat(lines.get(6).path("problem").path("type").asString()).isEqualTo("/problems/malformed-request");
        assertThat(lines.get(7).path("id").asString()).isNotBlank();
        assertThat(lines.get(8).path("summary").path("lines").asInt()).isEqualTo(8);
        assertThat(lines.get(8).path("summary").path("succeeded").asInt()).isEqualTo(5);
        assertThat(lines.get(8).path("summary").path("failed").asInt()).isEqualTo(3);
        // 2 facilities, 1 extraction, 1 transfer, 1 consumed + 1 recorded + 1 produced
        assertThat(eventCount()).isEqualTo(events + 7);
        assertThat(http.get("/api/lots/" + oxide).text("custodianId")).isEqualTo(plant);

        Http.Response again = http.postNdjson("/api/batches", batch);
        assertThat(again.lines().subList(0, 8)).extracting(l -> l.path("position").asLong())
                                               .isEqualTo(lines.subList(0, 8).stream()
                                                               .map(l -> l.path("position").asLong()).toList());
        assertThat(eventCount()).isEqualTo(events + 7);
    }

    @Test
    void each_line_needs_the_role_and_facility_its_kind_needs() {
        http.post("/api/facilities", """
                {"id": "%s", "name": "Operator's mine", "kind": "MINE", "country": "AU"}""".formatted(TestUsers.OPERATOR_MINE));
        String otherMine = facility("MINE", "AU");
        String batch = String.join("\n",
                line("facility", "\"id\": \"%s\", \"name\": \"X\", \"kind\": \"MINE\", \"country\": \"AU\"", id("F")),
                line("extraction", "\"lotId\": \"%s\", \"mineId\": \"%s\", \"mineral\": \"W\", \"form\": \"ore\", \"massKg\": 1",
                     id("LOT"), otherMine),
                line("extraction", "\"lotId\": \"%s\", \"mineId\": \"%s\", \"mineral\": \"W\", \"form\": \"ore\", \"massKg\": 1",
                     id("LOT"), TestUsers.OPERATOR_MINE));

        List<JsonNode> lines = as(TestUsers.OPERATOR).postNdjson("/api/batches", batch).lines();

        assertThat(lines.subList(0, 3)).extracting(l -> l.path("status").asInt()).containsExactly(403, 403, 201);
        assertThat(as(TestUsers.AUDITOR).postNdjson("/api/batches", batch).status()).isEqualTo(403);
        assertThat(anonymous().postNdjson("/api/batches", batch).status()).isEqualTo(401);
    }

    @Test
    void a_large_batch_is_applied_whole() {
        String mine = facility("MINE", "AU");
        StringBuilder batch = new StringBuilder();
        int count = 1500;
        for (int i = 0; i < count; i++) {
            batch.append(line("extraction",
                              "\"lotId\": \"%s\", \"mineId\": \"%s\", \"mineral\": \"Co\", \"form\": \"ore\", \"massKg\": 2",
                              id("L" + i), mine)).append('\n');
        }
        long events = eventCount();

        List<JsonNode> lines = http.postNdjson("/api/batches", batch.toString()).lines();

        assertThat(lines.get(count).path("summary").path("succeeded").asInt()).isEqualTo(count);
        assertThat(eventCount()).isEqualTo(events + count);
    }

    private static String line(String type, String fields, Object... args) {
        return "{\"type\": \"" + type + "\", " + fields.formatted(args) + "}";
    }
}
