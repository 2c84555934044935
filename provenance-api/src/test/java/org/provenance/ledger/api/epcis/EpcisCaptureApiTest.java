package org.provenance.ledger.api.epcis;

import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.Http;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** EPCIS 2.0 capture over real HTTP and PostgreSQL (SPEC 11). */
class EpcisCaptureApiTest extends EpcisApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyExampleDocumentOfTheStandardIsCapturedAndItsEventsFetchedAndQueriedBack() throws IOException {
        List<Path> documents;
        try (Stream<Path> files = Files.walk(shared().resolve("JSON"))) {
            documents = files.filter(p -> p.toString().endsWith(".jsonld") || p.toString().endsWith(".json")).sorted().toList();
        }
        int captured = 0;
        // The examples reuse eventIDs across files for different events: the first capture of an id is the one kept.
        java.util.Map<String, String> firstType = new java.util.HashMap<>();
        for (Path file : documents) {
            String text = Files.readString(file);
            JsonNode doc = JSON.readTree(text);
            if (!"EPCISDocument".equals(doc.path("type").asString())) {
                continue;
            }
            Http.Response job = capture(http, text, null);
            if (hasDuplicateKey(text)) {
                // AssociationEvent-h repeats "eventID": strict input refuses what it could only half read (SPEC 7)
                assertThat(job.status()).as(file + ": " + job.body()).isEqualTo(400);
                assertThat(job.body()).contains("Duplicate");
                continue;
            }
            assertThat(job.status()).as(file + ": " + job.body()).isEqualTo(202);
            assertThat(job.json().path("success").asBoolean()).as(file + ": " + job.body()).isTrue();
            assertThat(job.json().path("running").asBoolean()).isFalse();
            Http.Response again = http.get("/epcis/capture/" + job.text("captureID"));
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json().path("captureErrorBehaviour").asString()).isEqualTo("rollback");
            for (JsonNode event : doc.path("epcisBody").path("eventList")) {
                String eventId = event.path("eventID").asString(null);
                if (eventId == null) {
                    continue;
                }
                Http.Response fetched = event(http, eventId);
                assertThat(fetched.status()).as(file + " " + eventId + ": " + fetched.body()).isEqualTo(200);
                assertThat(fetched.text("eventID")).isEqualTo(eventId);
                assertThat(fetched.text("type")).isEqualTo(firstType.computeIfAbsent(eventId, id -> event.path("type").asString()));
                assertThat(fetched.json().path("recordTime").isString()).isTrue();
                assertThat(fetched.json().path("ledger:mapping").path("status").asString()).isIn("MAPPED", "UNMAPPED");
                // and found by the standard query, by its type and its id
                Http.Response found = http.get("/epcis/events?eventType=" + fetched.text("type") + "&EQ_eventID="
                                               + java.net.URLEncoder.encode(eventId, java.nio.charset.StandardCharsets.UTF_8));
                assertThat(found.status()).as(file + " " + eventId + ": " + found.body()).isEqualTo(200);
                List<String> ids = new java.util.ArrayList<>();
                found.json().path("epcisBody").path("queryResults").path("resultsBody").path("eventList")
                     .forEach(e -> ids.add(e.path("eventID").asString()));
                assertThat(ids).as(file + " " + eventId).containsExactly(eventId);
            }
            captured++;
        }
        assertThat(captured).isGreaterThanOrEqualTo(30);
    }

    @Test
    void aDocumentThatBreaksTheSchemaIsRefusedAndNothingOfItIsKept() {
        long before = storedEvents();
        long jobs = jdbc.sql("select count(*) from epcis_capture_job").query(Long.class).single();
        long events = eventCount();
        String valid = observe(urn());
        // eventTime is required
        String broken = """
                {"type": "ObjectEvent", "eventID": "%s", "action": "OBSERVE", "eventTimeZoneOffset": "+00:00", "epcList": []}"""
                .formatted(urn());
        Http.Response r = capture(http, document(valid, broken), null);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.text("type")).isEqualTo("epcisException:ValidationException");
        assertThat(r.json().path("errors").get(0).path("field").asString()).isEqualTo("epcisBody.eventList[1]");

        Http.Response notJson = capture(http, "{\"type\": \"EPCISDocument\", ", null);
        assertThat(notJson.status()).isEqualTo(400);
        Http.Response duplicateKey = capture(http, "{\"type\": \"EPCISDocument\", \"type\": \"EPCISDocument\"}", null);
        assertThat(duplicateKey.status()).isEqualTo(400);
        Http.Response nul = capture(http, document(observe(urn()).replace("\"OBSERVE\"", "\"OBSERVE\", \"x:y\": \"a\\u0000b\"")), null);
        assertThat(nul.status()).as(nul.body()).isEqualTo(400);

        assertThat(storedEvents()).isEqualTo(before);
        assertThat(eventCount()).isEqualTo(events);
        assertThat(jdbc.sql("select count(*) from epcis_capture_job").query(Long.class).single()).isEqualTo(jobs);
    }

    @Test
    void theSameEventIdCapturedAgainIsStoredOnce() {
        String id = urn();
        String doc = document(observe(id));
        captured(http, doc);
        Http.Response second = captured(http, doc);
        assertThat(second.json().path("capturedCount").asInt()).isZero();
        assertThat(jdbc.sql("select count(*) from epcis_event where event_id = ?").param(id).query(Long.class).single())
                .isEqualTo(1);
        // without an eventID, the event hash is its id: the same event twice is one event
        String anonymous = """
                {"type": "ObjectEvent", "action": "OBSERVE", "eventTime": "2027-03-02T10:00:00.000+01:00",
                 "eventTimeZoneOffset": "+01:00", "epcList": ["urn:epc:id:sgtin:0614141.107346.%s"]}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8));
        Http.Response first = captured(http, document(anonymous, anonymous));
        assertThat(first.json().path("capturedCount").asInt()).isEqualTo(1);
        String hashId = jdbc.sql("select event_id from epcis_event where capture_id = ?").param(first.text("captureID"))
                            .query(String.class).single();
        assertThat(hashId).matches("ni:///sha-256;[0-9a-f]{64}\\?ver=CBV2\\.0");
        assertThat(event(http, hashId).status()).isEqualTo(200);
    }

    @Test
    void aSingleEventIsCapturedAtOnceAndServedBackUnmappedWithTheReason() {
        String id = urn();
        String event = """
                {"@context": %s, "type": "ObjectEvent", "eventID": "%s", "action": "OBSERVE",
                 "bizStep": "inspecting", "eventTime": "2027-03-02T10:00:00Z", "eventTimeZoneOffset": "+00:00",
                 "epcList": ["urn:epc:id:sgtin:0614141.107346.2017"]}""".formatted(CONTEXT, id);
        Http.Response r = http.post("/epcis/events", "application/ld+json", event, Duration.ofSeconds(30));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.header("Location")).isEqualTo("/epcis/events/" + id);
        assertThat(r.header("GS1-EPCIS-Version")).isEqualTo("2.0.0");
        Http.Response fetched = event(http, id);
        assertThat(fetched.json().path("ledger:mapping").path("status").asString()).isEqualTo("UNMAPPED");
        assertThat(fetched.json().path("ledger:mapping").path("reason").asString()).contains("inspecting");
        assertThat(fetched.json().path("bizStep").asString()).isEqualTo("inspecting");
        assertThat(event(http, urn()).status()).isEqualTo(404);
        // the capture is a ledger event too: in the audit chain
        long position = jdbc.sql("select ledger_position from epcis_event where event_id = ?").param(id).query(Long.class).single();
        assertThat(jdbc.sql("select payload_type from domain_event_entry where global_index = ?").param(position)
                       .query(String.class).single()).isEqualTo("org.provenance.ledger.epcis.EpcisEventCaptured");
    }

    @Test
    void theCaptureInterfaceAdvertisesItsLimitsAndRefusesWhatPassesThem() {
        Http.Response options = http.options("/epcis/capture");
        assertThat(options.status()).isEqualTo(204);
        assertThat(options.header("GS1-EPCIS-Capture-Limit")).isEqualTo(Integer.toString(CAPTURE_LIMIT));
        assertThat(options.header("GS1-EPCIS-Capture-File-Size-Limit")).isEqualTo(Long.toString(FILE_SIZE_LIMIT));

        // The declared length decides before a byte of the body is read: the client learns it at once.
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            String credentials = java.util.Base64.getEncoder().encodeToString(
                    "tester:tester-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            socket.getOutputStream().write(("POST /epcis/capture HTTP/1.1\r\nHost: localhost\r\n"
                                            + "Authorization: Basic " + credentials + "\r\n"
                                            + "Content-Type: application/ld+json\r\nContent-Length: " + (FILE_SIZE_LIMIT + 1)
                                            + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).contains("epcisException:CaptureLimitExceededException");
            assertThat(answer).contains("GS1-EPCIS-Capture-File-Size-Limit");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aLargeDocumentStreamsThroughAndMoreEventsThanTheLimitAreRefused() {
        String prefix = UUID.randomUUID().toString().substring(0, 8);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < CAPTURE_LIMIT; i++) {
            events.add(observe("urn:uuid:" + prefix + "-0000-4000-8000-" + String.format("%012d", i)));
        }
        long before = storedEvents();
        // proceed: groups of 250 in short transactions (a rollback document is one transaction, docs/EPCIS.md)
        Http.Response job = capture(http, document(events), "proceed");
        assertThat(job.status()).as(job.body()).isEqualTo(202);
        assertThat(job.json().path("success").asBoolean()).as(job.body()).isTrue();
        assertThat(job.json().path("capturedCount").asInt()).isEqualTo(CAPTURE_LIMIT);
        assertThat(storedEvents()).isEqualTo(before + CAPTURE_LIMIT);
        assertThat(event(http, "urn:uuid:" + prefix + "-0000-4000-8000-" + String.format("%012d", CAPTURE_LIMIT - 1))
                           .status()).isEqualTo(200);

        // every captured event is chained, and the ledger verifies intact
        awaitChained();
        Http.Response verify = http.get("/api/audit/verify");
        assertThat(verify.json().path("intact").asBoolean()).as(verify.body()).isTrue();

        events.add(observe(urn()));
        Http.Response tooMany = capture(http, document(events), null);
        assertThat(tooMany.status()).as(tooMany.body()).isEqualTo(413);
        assertThat(storedEvents()).isEqualTo(before + CAPTURE_LIMIT);
    }

    private static boolean hasDuplicateKey(String text) {
        try {
            JsonMapper.builder().enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build().readTree(text);
            return false;
        } catch (tools.jackson.core.JacksonException e) {
            return true;
        }
    }

    static String urn() {
        return "urn:uuid:" + UUID.randomUUID();
    }

    static String observe(String eventId) {
        return """
                {"type": "ObjectEvent", "eventID": "%s", "action": "OBSERVE", "bizStep": "inspecting",
                 "eventTime": "2027-03-02T10:00:00Z", "eventTimeZoneOffset": "+00:00",
                 "epcList": ["urn:epc:id:sgtin:0614141.107346.2017"]}""".formatted(eventId);
    }
}
