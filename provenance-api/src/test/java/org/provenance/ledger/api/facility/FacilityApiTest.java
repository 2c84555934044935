package org.provenance.ledger.api.facility;

import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;

import static org.assertj.core.api.Assertions.assertThat;

class FacilityApiTest extends ApiTest {

    @Test
    void registers_a_facility_and_reads_it_back_at_once() {
        String id = id("MINE");
        Http.Response created = http.post("/api/facilities", """
                {"id": "%s", "name": "Mount Weld Rare Earths", "kind": "MINE", "country": "AU", "ownerCountry": "CN"}"""
                .formatted(id));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("id")).isEqualTo(id);
        assertThat(created.json().path("position").asLong()).isPositive();

        Http.Response read = http.get("/api/facilities/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("name")).isEqualTo("Mount Weld Rare Earths");
        assertThat(read.text("kind")).isEqualTo("MINE");
        assertThat(read.text("country")).isEqualTo("AU");
        assertThat(read.text("ownerCountry")).isEqualTo("CN");
    }

    @Test
    void a_repeated_registration_answers_the_same_and_appends_nothing() {
        String id = id("PROC");
        String body = """
                {"id": "%s", "name": "Narva Separation", "kind": "PROCESSOR", "country": "EE"}""".formatted(id);
        Http.Response first = http.post("/api/facilities", body);
        long events = eventCount();

        // Same content, keys reordered and re-spaced: still the same request.
        Http.Response again = http.post("/api/facilities", """
                {"country":"EE","kind":"PROCESSOR","name":"Narva Separation","id":"%s"}""".formatted(id));

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void the_same_id_with_another_body_is_a_conflict() {
        String id = facility("BUYER", "US");
        long events = eventCount();

        Http.Response conflict = http.post("/api/facilities", """
                {"id": "%s", "name": "Someone else", "kind": "BUYER", "country": "US"}""".formatted(id));

        assertProblem(conflict, 409, "id-in-use");
        assertNamesField(conflict, "id");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void invalid_fields_are_all_named_and_nothing_is_appended() {
        long events = eventCount();

        Http.Response invalid = http.post("/api/facilities", """
                {"id": "not valid!", "name": " ", "kind": "MINE", "country": "XX", "ownerCountry": "cn"}""");

        assertProblem(invalid, 400, "invalid-command");
        assertNamesField(invalid, "id");
        assertNamesField(invalid, "name");
        assertNamesField(invalid, "country");
        assertNamesField(invalid, "ownerCountry");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void an_unknown_kind_names_the_allowed_ones() {
        long events = eventCount();

        Http.Response invalid = http.post("/api/facilities", """
                {"id": "%s", "name": "X", "kind": "SMELTER", "country": "AU"}""".formatted(id("F")));

        assertProblem(invalid, 400, "malformed-request");
        assertNamesField(invalid, "kind");
        assertThat(invalid.text("detail")).contains("MINE, PROCESSOR, TRADER, BUYER");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void malformed_json_is_a_problem_without_internals() {
        Http.Response malformed = http.post("/api/facilities", "{\"id\": ");

        assertProblem(malformed, 400, "malformed-request");
        assertThat(malformed.body()).doesNotContain("com.fasterxml", "tools.jackson", "Exception", "at org.");
    }

    @Test
    void an_id_too_long_is_refused() {
        Http.Response invalid = http.post("/api/facilities", """
                {"id": "%s", "name": "X", "kind": "MINE", "country": "AU"}""".formatted("a".repeat(129)));

        assertProblem(invalid, 400, "invalid-command");
        assertNamesField(invalid, "id");
    }

    @Test
    void an_unknown_facility_is_404() {
        assertProblem(http.get("/api/facilities/" + id("NOPE")), 404, "not-found");
    }
}
