package org.provenance.ledger.api.lot;

import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class ExtractionApiTest extends ApiTest {

    @Test
    void an_extracted_lot_is_held_by_its_mine() {
        String mine = facility("MINE", "AU");
        String lotId = id("LOT");

        Http.Response created = http.post("/api/lots/extractions", """
                {"lotId": "%s", "mineId": "%s", "mineral": "REE", "form": "ore", "massKg": 700.123456,
                 "occurredAt": "2026-03-01T08:00:00+08:00"}""".formatted(lotId, mine));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        Http.Response lot = http.get("/api/lots/" + lotId);
        assertThat(lot.status()).isEqualTo(200);
        assertThat(lot.text("mineral")).isEqualTo("REE");
        assertThat(lot.text("form")).isEqualTo("ore");
        assertThat(lot.json().path("initialMassKg").decimalValue()).isEqualByComparingTo("700.123456");
        assertThat(lot.json().path("remainingMassKg").decimalValue()).isEqualByComparingTo("700.123456");
        assertThat(lot.text("custodianId")).isEqualTo(mine);
        assertThat(lot.text("status")).isEqualTo("ACTIVE");
        assertThat(lot.text("createdAt")).isEqualTo("2026-03-01T00:00:00Z");
    }

    @Test
    void extraction_needs_a_registered_mine() {
        String processor = facility("PROCESSOR", "EE");
        long events = eventCount();

        Http.Response notAMine = http.post("/api/lots/extractions", """
                {"lotId": "%s", "mineId": "%s", "mineral": "REE", "form": "ore", "massKg": 1}"""
                .formatted(id("LOT"), processor));
        Http.Response unknown = http.post("/api/lots/extractions", """
                {"lotId": "%s", "mineId": "%s", "mineral": "REE", "form": "ore", "massKg": 1}"""
                .formatted(id("LOT"), id("GHOST")));

        assertProblem(notAMine, 400, "invalid-command");
        assertNamesField(notAMine, "mineId");
        assertProblem(unknown, 400, "invalid-command");
        assertNamesField(unknown, "mineId");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void masses_must_be_positive_with_at_most_six_decimals() {
        String mine = facility("MINE", "AU");
        long events = eventCount();

        for (String mass : new String[]{"0", "-5", "0.0000001", "\"heavy\"", "null"}) {
            Http.Response invalid = http.post("/api/lots/extractions", """
                    {"lotId": "%s", "mineId": "%s", "mineral": "REE", "form": "ore", "massKg": %s}"""
                    .formatted(id("LOT"), mine, mass));
            assertThat(invalid.status()).as(mass).isEqualTo(400);
            assertNamesField(invalid, "massKg");
        }
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void a_bad_instant_names_the_field() {
        String mine = facility("MINE", "AU");

        Http.Response invalid = http.post("/api/lots/extractions", """
                {"lotId": "%s", "mineId": "%s", "mineral": "REE", "form": "ore", "massKg": 1,
                 "occurredAt": "yesterday"}""".formatted(id("LOT"), mine));

        assertProblem(invalid, 400, "malformed-request");
        assertNamesField(invalid, "occurredAt");
    }

    @Test
    void a_lot_id_is_used_once_whatever_created_the_lot() {
        String mine = facility("MINE", "AU");
        String lotId = extract(mine, "10");
        long events = eventCount();

        Http.Response reused = http.post("/api/lots/registrations", """
                {"lotId": "%s", "custodianId": "%s", "mineral": "REE", "form": "ore", "massKg": 10}"""
                .formatted(lotId, mine));

        assertProblem(reused, 409, "id-in-use");
        assertNamesField(reused, "lotId");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void an_unknown_lot_is_404() {
        assertProblem(http.get("/api/lots/" + id("NOPE")), 404, "not-found");
        assertProblem(http.get("/api/lots/" + id("NOPE") + "/events"), 404, "not-found");
    }

    @Test
    void a_repeated_extraction_returns_the_first_answer() {
        String mine = facility("MINE", "AU");
        String body = """
                {"lotId": "%s", "mineId": "%s", "mineral": "W", "form": "ore", "massKg": 12.5}"""
                .formatted(id("LOT"), mine);
        Http.Response first = http.post("/api/lots/extractions", body);
        long events = eventCount();

        Http.Response second = http.post("/api/lots/extractions", body.replace("12.5", "12.500"));

        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().path("position").asLong()).isEqualTo(first.json().path("position").asLong());
        assertThat(eventCount()).isEqualTo(events);
        assertThat(new BigDecimal("12.5")).isEqualByComparingTo(
                http.get("/api/lots/" + first.text("id")).json().path("initialMassKg").decimalValue());
    }
}
