package org.provenance.ledger.api.epcis;

import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;
import org.springframework.test.context.TestPropertySource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The EPCIS tests' ledger: the shared test ledger with capture limits small enough to test
 * (every EPCIS test class has the same properties, so they share one application).
 */
@TestPropertySource(properties = {"ledger.epcis.capture-limit=" + EpcisApiTest.CAPTURE_LIMIT,
                                  "ledger.epcis.capture-file-size-limit=" + EpcisApiTest.FILE_SIZE_LIMIT})
abstract class EpcisApiTest extends ApiTest {

    static final int CAPTURE_LIMIT = 20_000;
    static final long FILE_SIZE_LIMIT = 16L * 1024 * 1024;

    static final String CONTEXT = """
            ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"ledger": "urn:provenance-ledger:epcis:"}]""";

    /** The standard's material (../shared/epcis beside the checkout): test data only, never read by the app. */
    static Path shared() {
        for (Path candidate : List.of(Path.of("../shared/epcis"), Path.of("../../shared/epcis"))) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("../shared/epcis not found beside the checkout");
    }

    static String document(String... events) {
        return document(List.of(events));
    }

    static String document(List<String> events) {
        return """
                {"@context": %s, "type": "EPCISDocument", "schemaVersion": "2.0",
                 "creationDate": "2027-03-01T08:00:00Z", "epcisBody": {"eventList": [%s]}}"""
                .formatted(CONTEXT, String.join(",\n", events));
    }

    Http.Response capture(Http client, String document, String behaviour) {
        Http c = behaviour == null ? client : client.withHeaders(Map.of("GS1-Capture-Error-Behaviour", behaviour));
        return c.post("/epcis/capture", "application/ld+json", document, Duration.ofMinutes(10));
    }

    /** Captures a document that must succeed; answers the job. */
    Http.Response captured(Http client, String document) {
        Http.Response r = capture(client, document, null);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().path("success").asBoolean()).as(r.body()).isTrue();
        assertThat(r.header("Location")).isEqualTo("/epcis/capture/" + r.text("captureID"));
        return r;
    }

    Http.Response event(Http client, String eventId) {
        return client.get("/epcis/events/" + URLEncoder.encode(eventId, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    void epcisFacility(String id, String kind, String country, String... locations) {
        String list = locations.length == 0 ? "" : ", \"locations\": [\"" + String.join("\", \"", locations) + "\"]";
        Http.Response r = http.post("/api/facilities", """
                {"id": "%s", "name": "%s", "kind": "%s", "country": "%s"%s}""".formatted(id, id, kind, country, list));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    long storedEvents() {
        return jdbc.sql("select count(*) from epcis_event").query(Long.class).single();
    }

    /** A fresh GLN-style location number: 7-digit company prefix, 5-digit location reference. */
    static String sgln(String prefix7, int n) {
        return "urn:epc:id:sgln:" + prefix7 + "." + String.format("%05d", n) + ".0";
    }
}
