package org.provenance.ledger.api.input;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strict input (SPEC 7, issue 11): every way a body can be misread is refused with 400 naming
 * the field, and nothing is appended. Each bad input of the issue has its own test.
 */
class StrictInputApiTest extends ApiTest {

    private static final String NUL = "\\u0000";

    /** Asserts a 400 malformed-request naming the field, and that no event was appended since {@code events}. */
    private void assertRefused(Http.Response response, String field, long events) {
        assertProblem(response, 400, "malformed-request");
        assertNamesField(response, field);
        assertThat(response.body()).doesNotContain("com.fasterxml", "tools.jackson", "Exception", "java.", "org.provenance");
        assertThat(eventCount()).isEqualTo(events);
    }

    private Http.Response postFacility(String body) {
        return http.post("/api/facilities", body);
    }

    private String extractionBody(String mine, String massKg) {
        return """
                {"lotId": "%s", "mineId": "%s", "mineral": "REE", "form": "ore", "massKg": %s}"""
                .formatted(id("LOT"), mine, massKg);
    }

    @Test
    void a_misspelled_field_is_refused_and_named() {
        long events = eventCount();
        Http.Response r = postFacility("""
                {"id": "%s", "name": "Mine", "kind": "MINE", "country": "AU", "ownercountry": "CN"}"""
                .formatted(id("F")));
        assertRefused(r, "ownercountry", events);
        assertThat(r.text("detail")).contains("did you mean ownerCountry?");
    }

    @Test
    void a_mass_sent_as_a_string_is_refused() {
        String mine = facility("MINE", "AU");
        long events = eventCount();
        assertRefused(http.post("/api/lots/extractions", extractionBody(mine, "\"700\"")), "massKg", events);
    }

    @Test
    void a_name_sent_as_a_number_is_refused() {
        long events = eventCount();
        assertRefused(postFacility("""
                {"id": "%s", "name": 42, "kind": "MINE", "country": "AU"}""".formatted(id("F"))), "name", events);
    }

    @Test
    void an_id_sent_as_a_boolean_is_refused() {
        long events = eventCount();
        assertRefused(postFacility("""
                {"id": true, "name": "Mine", "kind": "MINE", "country": "AU"}"""), "id", events);
    }

    @Test
    void a_kind_sent_as_its_index_is_refused() {
        long events = eventCount();
        assertRefused(postFacility("""
                {"id": "%s", "name": "Mine", "kind": 0, "country": "AU"}""".formatted(id("F"))), "kind", events);
    }

    @Test
    void trailing_data_after_the_body_is_refused() {
        long events = eventCount();
        String id = id("F");
        assertRefused(postFacility("""
                {"id": "%s", "name": "Mine", "kind": "MINE", "country": "AU"}{"x":1}""".formatted(id)), "body", events);
        assertRefused(postFacility("""
                {"id": "%s", "name": "Mine", "kind": "MINE", "country": "AU"} 7""".formatted(id)), "body", events);
        assertThat(http.get("/api/facilities/" + id).status()).isEqualTo(404);
    }

    @Test
    void a_key_repeated_after_the_other_fields_is_refused() {
        long events = eventCount();
        String id = id("F");
        assertRefused(postFacility("""
                {"id": "%s", "name": "Mine", "kind": "MINE", "country": "AU", "id": "%s"}"""
                .formatted(id, id("G"))), "id", events);
        assertRefused(postFacility("""
                {"id": "%s", "name": "Mine", "kind": "MINE", "country": "AU", "name": "Other"}""".formatted(id)),
                      "name", events);
    }

    @Test
    void a_key_repeated_inside_a_list_item_is_refused_with_its_path() {
        String plant = facility("PROCESSOR", "JP");
        long events = eventCount();
        Http.Response r = http.post("/api/transformations", """
                {"id": "%s", "facilityId": "%s", "stage": "BLENDING",
                 "inputs": [{"lotId": "A-1", "massKg": 1, "massKg": 2}],
                 "outputs": [{"lotId": "B-1", "mineral": "REE", "form": "oxide", "massKg": 1}]}"""
                .formatted(id("X"), plant));
        assertRefused(r, "inputs[0].massKg", events);
    }

    @Test
    void a_price_of_a_billion_digit_exponent_is_refused_at_once() throws Exception {
        long events = eventCount();
        String bloc = id("BLOC");
        assertThat(http.post("/api/blocs", "{\"id\": \"%s\", \"name\": \"B\"}".formatted(bloc)).status()).isEqualTo(201);
        events = eventCount();
        String body = "{\"currency\": \"USD\", \"pricePerKg\": 1e1000000000, \"effectiveFrom\": \"2026-01-01T00:00:00Z\"}";
        long started = System.nanoTime();
        // Three at once used to end in OutOfMemoryError after a minute of CPU.
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Http.Response>> answers = pool.invokeAll(List.of(
                    () -> http.put("/api/blocs/" + bloc + "/price-floors/REE/oxide", body),
                    () -> http.put("/api/blocs/" + bloc + "/price-floors/REE/oxide", body),
                    () -> http.put("/api/blocs/" + bloc + "/price-floors/REE/oxide", body)));
            for (Future<Http.Response> answer : answers) {
                assertRefused(answer.get(), "pricePerKg", events);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds for three refusals").isLessThan(2_000);
    }

    @Test
    void an_operators_mass_of_a_billion_digit_exponent_is_refused_at_once() {
        String mine = facility("MINE", "AU");
        long events = eventCount();
        long started = System.nanoTime();
        assertRefused(http.post("/api/lots/extractions", extractionBody(mine, "1e1000000000")), "massKg", events);
        assertRefused(http.post("/api/lots/extractions", extractionBody(mine, "-1e-1000000000")), "massKg", events);
        assertRefused(http.post("/api/lots/extractions", extractionBody(mine, "1" + "0".repeat(2000))), "massKg", events);
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds").isLessThan(2_000);
    }

    @Test
    void numbers_beyond_the_bounds_are_refused_and_those_within_reach_the_domain_rules() {
        String mine = facility("MINE", "AU");
        long events = eventCount();
        assertRefused(http.post("/api/lots/extractions", extractionBody(mine, "1e-400")), "massKg", events);
        assertRefused(http.post("/api/lots/extractions",
                                extractionBody(mine, "1234567890123456789012345678901.5")), "massKg", events);
        // Within the reader's bounds, the domain's own limits answer (at most 10^12 kg, 6 decimals).
        Http.Response tooHeavy = http.post("/api/lots/extractions",
                                           extractionBody(mine, "123456789012345678901234567890.123"));
        assertProblem(tooHeavy, 400, "invalid-command");
        assertNamesField(tooHeavy, "massKg");
        Http.Response negativeZero = http.post("/api/lots/extractions", extractionBody(mine, "-0"));
        assertProblem(negativeZero, 400, "invalid-command");
        assertNamesField(negativeZero, "massKg");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(http.post("/api/lots/extractions", extractionBody(mine, "7.0e2")).status()).isEqualTo(201);
    }

    @Test
    void a_nul_in_an_id_is_refused_before_the_database() {
        long events = eventCount();
        assertRefused(postFacility("""
                {"id": "F-%s1", "name": "Mine", "kind": "MINE", "country": "AU"}""".formatted(NUL)), "id", events);
        String mine = facility("MINE", "AU");
        events = eventCount();
        assertRefused(http.post("/api/transfers", """
                {"id": "T-%s", "lotId": "L", "fromFacilityId": "%s", "toFacilityId": "B"}""".formatted(NUL, mine)),
                      "id", events);
    }

    @Test
    void a_nul_in_a_facility_name_is_refused() {
        long events = eventCount();
        String id = id("F");
        assertRefused(postFacility("""
                {"id": "%s", "name": "Mine%s", "kind": "MINE", "country": "AU"}""".formatted(id, NUL)), "name", events);
        assertThat(http.get("/api/facilities/" + id).status()).isEqualTo(404);
    }

    @Test
    void other_control_characters_and_unpaired_surrogates_are_refused_in_any_text() {
        long events = eventCount();
        for (String bad : List.of("\\u001b[31m", "\\u007f", "\\u0085", "\\ud800", "x\\udc00y", "\\ud83d")) {
            assertRefused(postFacility("""
                    {"id": "%s", "name": "Mine %s", "kind": "MINE", "country": "AU"}""".formatted(id("F"), bad)),
                          "name", events);
        }
        // A real surrogate pair (an emoji) is text like any other.
        assertThat(postFacility("""
                {"id": "%s", "name": "Mine \\ud83d\\ude00", "kind": "MINE", "country": "AU"}""".formatted(id("F")))
                           .status()).isEqualTo(201);
    }

    @Test
    void tab_and_newlines_are_refused_in_names() {
        long events = eventCount();
        for (String bad : List.of("\\t", "\\n", "\\r")) {
            Http.Response r = postFacility("""
                    {"id": "%s", "name": "Mine%sB", "kind": "MINE", "country": "AU"}""".formatted(id("F"), bad));
            assertProblem(r, 400, "invalid-command");
            assertNamesField(r, "name");
        }
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void a_review_note_refuses_nul_and_keeps_tabs_and_newlines() {
        String flagId = raisedFlag();
        long events = eventCount();
        assertRefused(http.post("/api/flags/" + flagId + "/reviews", """
                {"decision": "CONFIRMED", "note": "bad%s"}""".formatted(NUL)), "note", events);
        assertRefused(http.post("/api/flags/" + flagId + "/reviews", """
                {"decision": "CONFIRMED", "note": "bad\\u001f"}"""), "note", events);

        Http.Response multiline = http.post("/api/flags/" + flagId + "/reviews", """
                {"decision": "CONFIRMED", "note": "line one\\r\\n\\tline two"}""");
        assertThat(multiline.status()).as(multiline.body()).isEqualTo(201);
        assertThat(http.get("/api/flags/" + flagId).json().path("review").path("note").asString())
                .isEqualTo("line one\r\n\tline two");
    }

    @Test
    void a_number_is_not_an_instant() {
        String bloc = id("BLOC");
        assertThat(http.post("/api/blocs", "{\"id\": \"%s\", \"name\": \"B\"}".formatted(bloc)).status()).isEqualTo(201);
        long events = eventCount();
        assertRefused(http.put("/api/blocs/" + bloc + "/members/FR", "{\"effectiveFrom\": 1e400}"),
                      "effectiveFrom", events);
        assertRefused(http.put("/api/blocs/" + bloc + "/members/FR", "{\"effectiveFrom\": 1700000000}"),
                      "effectiveFrom", events);
    }

    @Test
    void an_empty_occurred_at_is_not_now() {
        String mine = facility("MINE", "AU");
        long events = eventCount();
        assertRefused(http.post("/api/lots/extractions", """
                {"lotId": "%s", "mineId": "%s", "mineral": "REE", "form": "ore", "massKg": 1, "occurredAt": ""}"""
                .formatted(id("LOT"), mine)), "occurredAt", events);
    }

    @Test
    void dates_outside_1900_to_9999_are_refused() {
        String bloc = id("BLOC");
        assertThat(http.post("/api/blocs", "{\"id\": \"%s\", \"name\": \"B\"}".formatted(bloc)).status()).isEqualTo(201);
        long events = eventCount();
        for (String date : List.of("+1000000000-12-31T23:59:59.999999999Z", "-1000000000-01-01T00:00:00Z",
                                   "+10000-01-01T00:00:00Z", "1899-12-31T23:59:59Z", "1900-01-01T00:30:00+01:00")) {
            Http.Response r = http.put("/api/blocs/" + bloc + "/members/FR", "{\"effectiveFrom\": \"%s\"}".formatted(date));
            assertRefused(r, "effectiveFrom", events);
        }
        assertThat(http.put("/api/blocs/" + bloc + "/members/FR", "{\"effectiveFrom\": \"1900-01-01T00:00:00Z\"}")
                       .status()).isEqualTo(201);
        assertThat(http.delete("/api/blocs/" + bloc + "/members/FR", "{\"effectiveFrom\": \"9999-12-31T23:59:59Z\"}")
                       .status()).isEqualTo(201);
    }

    @Test
    void a_body_that_is_not_an_object_or_is_empty_is_refused() {
        long events = eventCount();
        assertRefused(postFacility("[]"), "body", events);
        assertRefused(postFacility("\"facility\""), "body", events);
        assertRefused(postFacility(""), "body", events);
        assertRefused(postFacility("{\"id\": \"A\""), "id", events);
        assertRefused(postFacility("[".repeat(500) + "]".repeat(500)), "body", events);
        assertRefused(postFacility("{\"id\": " + "[".repeat(500) + "]".repeat(500) + "}"), "id", events);
    }

    @Test
    void a_body_that_is_not_utf8_is_refused() throws Exception {
        long events = eventCount();
        byte[] latin1 = "{\"id\": \"F-1\", \"name\": \"Usine de Fès\", \"kind\": \"MINE\", \"country\": \"MA\"}"
                .getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/facilities"))
                           .header("Authorization", basicTester())
                           .header("Content-Type", "application/json")
                           .POST(HttpRequest.BodyPublishers.ofByteArray(latin1)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(r.body()).contains("\"field\":\"name\"");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void another_media_type_is_415_saying_to_send_json() throws Exception {
        long events = eventCount();
        for (String contentType : List.of("text/plain", "application/x-www-form-urlencoded", "application/xml",
                                                   "application/yaml")) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/facilities"))
                               .header("Authorization", basicTester())
                               .header("Content-Type", contentType)
                               .POST(HttpRequest.BodyPublishers.ofString(
                                       "{\"id\": \"F-1\", \"name\": \"M\", \"kind\": \"MINE\", \"country\": \"AU\"}"))
                               .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(contentType).isEqualTo(415);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(r.body()).contains("/problems/unsupported-media-type").contains("application/json");
        }
        HttpResponse<String> batch = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/batches"))
                           .header("Authorization", basicTester())
                           .header("Content-Type", "text/csv")
                           .POST(HttpRequest.BodyPublishers.ofString("facility,F-1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(batch.statusCode()).isEqualTo(415);
        assertThat(batch.body()).contains("application/x-ndjson");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void a_nul_or_an_encoded_slash_in_a_path_or_query_is_a_problem_not_a_server_page() {
        long events = eventCount();
        for (String path : List.of("/api/facilities/F%00", "/api/facilities/A%2FB", "/api/lots?q=%00",
                                   "/api/facilities/F;x=1", "/api/lots/L%25")) {
            Http.Response r = http.get(path);
            assertThat(r.status()).as(path + " " + r.body()).isBetween(400, 499);
            assertThat(r.contentType()).as(path).startsWith("application/problem+json");
        }
        Http.Response put = http.put("/api/blocs/B%00/members/FR", "{\"effectiveFrom\": \"2026-01-01T00:00:00Z\"}");
        assertThat(put.status()).isEqualTo(400);
        assertThat(put.contentType()).startsWith("application/problem+json");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void every_bad_input_is_refused_on_a_batch_line_too() {
        String mine = facility("MINE", "AU");
        String bloc = id("BLOC");
        assertThat(http.post("/api/blocs", "{\"id\": \"%s\", \"name\": \"B\"}".formatted(bloc)).status()).isEqualTo(201);
        long events = eventCount();
        List<String[]> cases = List.of(
                new String[] {"{\"type\": \"facility\", \"id\": \"%s\", \"name\": \"M\", \"kind\": \"MINE\", \"country\": \"AU\", \"ownercountry\": \"CN\"}"
                        .formatted(id("F")), "ownercountry"},
                new String[] {"{\"type\": \"extraction\", \"lotId\": \"%s\", \"mineId\": \"%s\", \"mineral\": \"REE\", \"form\": \"ore\", \"massKg\": \"700\"}"
                        .formatted(id("L"), mine), "massKg"},
                new String[] {"{\"type\": \"facility\", \"id\": \"%s\", \"name\": 42, \"kind\": \"MINE\", \"country\": \"AU\"}"
                        .formatted(id("F")), "name"},
                new String[] {"{\"type\": \"facility\", \"id\": \"%s\", \"name\": \"M\", \"kind\": \"MINE\", \"country\": \"AU\"}{\"x\":1}"
                        .formatted(id("F")), "body"},
                new String[] {"{\"type\": \"facility\", \"id\": \"%s\", \"name\": \"M\", \"kind\": \"MINE\", \"country\": \"AU\", \"type\": \"bloc\"}"
                        .formatted(id("F")), "type"},
                new String[] {"{\"type\": \"price-floor\", \"blocId\": \"%s\", \"mineral\": \"REE\", \"form\": \"oxide\", \"currency\": \"USD\", \"pricePerKg\": 1e1000000000, \"effectiveFrom\": \"2026-01-01T00:00:00Z\"}"
                        .formatted(bloc), "pricePerKg"},
                new String[] {"{\"type\": \"extraction\", \"lotId\": \"%s\", \"mineId\": \"%s\", \"mineral\": \"REE\", \"form\": \"ore\", \"massKg\": 1e1000000000}"
                        .formatted(id("L"), mine), "massKg"},
                new String[] {"{\"type\": \"facility\", \"id\": \"F-\\u0000\", \"name\": \"M\", \"kind\": \"MINE\", \"country\": \"AU\"}", "id"},
                new String[] {"{\"type\": \"facility\", \"id\": true, \"name\": \"M\", \"kind\": \"MINE\", \"country\": \"AU\"}", "id"},
                new String[] {"{\"type\": \"admission\", \"blocId\": \"%s\", \"country\": \"FR\", \"effectiveFrom\": 1e400}"
                        .formatted(bloc), "effectiveFrom"},
                new String[] {"{\"type\": \"extraction\", \"lotId\": \"%s\", \"mineId\": \"%s\", \"mineral\": \"REE\", \"form\": \"ore\", \"massKg\": 1, \"occurredAt\": \"\"}"
                        .formatted(id("L"), mine), "occurredAt"},
                new String[] {"{\"type\": \"admission\", \"blocId\": \"%s\", \"country\": \"FR\", \"effectiveFrom\": \"+1000000000-12-31T23:59:59.999999999Z\"}"
                        .formatted(bloc), "effectiveFrom"},
                new String[] {"{\"type\": \"facility\", \"id\": \"%s\", \"name\": \"M\\u0000\", \"kind\": \"MINE\", \"country\": \"AU\"}"
                        .formatted(id("F")), "name"},
                new String[] {"{\"type\": \"review\", \"flagId\": \"X:NON_BLOC_ORIGIN\", \"decision\": \"CONFIRMED\", \"note\": \"n\\u0000\"}", "note"},
                new String[] {"{\"type\": \"admission\", \"blocId\": \"%s\\u0000\", \"country\": \"FR\", \"effectiveFrom\": \"2026-01-01T00:00:00Z\"}"
                        .formatted(bloc), "blocId"},
                new String[] {"{\"type\": \"admission\", \"blocId\": 7, \"country\": \"FR\", \"effectiveFrom\": \"2026-01-01T00:00:00Z\"}", "blocId"},
                new String[] {"[1, 2]", "body"});
        StringBuilder batch = new StringBuilder();
        cases.forEach(c -> batch.append(c[0]).append('\n'));

        Http.Response response = http.postNdjson("/api/batches", batch.toString());

        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> lines = response.lines();
        assertThat(lines).hasSize(cases.size() + 1);
        for (int i = 0; i < cases.size(); i++) {
            JsonNode line = lines.get(i);
            assertThat(line.path("status").asInt()).as(cases.get(i)[0] + " -> " + line).isEqualTo(400);
            assertThat(line.path("problem").path("errors").findValuesAsString("field")).as(line.toString())
                                                                                   .contains(cases.get(i)[1]);
        }
        assertThat(lines.get(cases.size()).path("summary").path("failed").asInt()).isEqualTo(cases.size());
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void a_batch_line_that_is_not_utf8_or_too_long_is_refused_alone() throws Exception {
        String good = "{\"type\": \"bloc\", \"id\": \"%s\", \"name\": \"B\"}".formatted(id("BLOC"));
        byte[] notUtf8 = "{\"type\": \"bloc\", \"id\": \"B-1\", \"name\": \"F\u00e8s\"}".getBytes(StandardCharsets.ISO_8859_1);
        byte[] tooLong = ("{\"type\": \"bloc\", \"id\": \"B-2\", \"name\": \"" + "x".repeat(InputRules.MAX_BODY_BYTES) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(notUtf8);
        body.write('\n');
        body.write(tooLong);
        body.write('\n');
        body.write(good.getBytes(StandardCharsets.UTF_8));
        body.write('\n');
        long events = eventCount();
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/batches"))
                           .header("Authorization", basicTester())
                           .header("Content-Type", "application/x-ndjson")
                           .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> lines = r.body().lines().toList();
        assertThat(lines.get(0)).contains("\"status\":400").contains("\"field\":\"name\"");
        assertThat(lines.get(1)).contains("\"status\":400").contains("\"field\":\"body\"");
        assertThat(lines.get(2)).contains("\"status\":201");
        assertThat(eventCount()).isEqualTo(events + 1);
    }

    private String basicTester() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                (org.provenance.ledger.api.support.TestUsers.TESTER.name() + ":"
                        + org.provenance.ledger.api.support.TestUsers.TESTER.password()).getBytes(StandardCharsets.UTF_8));
    }

    /** A purchase of Chinese ore by a bloc buyer: raises NON_BLOC_ORIGIN on the transfer. */
    private String raisedFlag() {
        homeBloc();
        String mine = facility("MINE", "CN");
        String buyer = facility("BUYER", "US");
        String lot = extract(mine, "10");
        String transferId = id("T");
        assertThat(transfer(transferId, lot, mine, buyer).status()).isEqualTo(201);
        String flagId = transferId + ":NON_BLOC_ORIGIN";
        assertThat(http.get("/api/flags/" + flagId).status()).isEqualTo(200);
        return flagId;
    }
}
