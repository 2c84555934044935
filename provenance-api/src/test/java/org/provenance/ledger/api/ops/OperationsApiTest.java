package org.provenance.ledger.api.ops;

import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;

import static org.assertj.core.api.Assertions.assertThat;

class OperationsApiTest extends ApiTest {

    @Test
    void health_reports_the_database_and_the_event_processors() {
        Http.Response health = http.get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("UP");
        assertThat(health.json().path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(health.json().path("components").path("projections").path("details").path("ledger")
                         .path("running").asBoolean()).isTrue();
    }

    /**
     * The README promises JVM, HTTP, Axon command bus and processor metrics. Axon's dimensional
     * meters are tagged by payload type and appear with the first message, so the test writes and
     * reads a facility first (the read waits until the ledger processor has handled the event).
     */
    @Test
    void metrics_are_exposed_for_prometheus() {
        String mine = facility("MINE", "AU");
        assertThat(http.get("/api/facilities/" + mine).status()).isEqualTo(200);

        Http.Response metrics = http.get("/actuator/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        String body = metrics.body();
        assertThat(sample(body, "jvm_memory_used_bytes{")).isPositive();
        assertThat(sample(body, "http_server_requests_seconds_count{")).isPositive();
        assertThat(sample(body, "commandBus_successCounter_total{payloadType=\"RegisterFacility\"}")).isPositive();
        assertThat(sample(body, "eventProcessor_successCounter_total{payloadType=\"FacilityRegistered\","
                                + "processorName=\"ledger\"}")).isPositive();
        assertThat(sample(body, "eventProcessor_latency{processorName=\"ledger\"}")).isNotNegative();
    }

    /** The value of the first sample whose name and labels start with the given text; fails if there is none. */
    private static double sample(String exposition, String nameAndLabels) {
        return exposition.lines()
                         .filter(line -> line.startsWith(nameAndLabels))
                         .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                         .findFirst()
                         .orElseThrow(() -> new AssertionError("no sample " + nameAndLabels + " in\n" + exposition));
    }

    @Test
    void unknown_paths_are_problems_too() {
        assertProblem(http.get("/api/nothing-here"), 404, "not-found");
    }
}
