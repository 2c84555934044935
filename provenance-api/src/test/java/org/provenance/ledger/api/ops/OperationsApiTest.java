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
        assertThat(health.json().path("components").path("db").path("status").asText()).isEqualTo("UP");
        assertThat(health.json().path("components").path("projections").path("details").path("ledger")
                         .path("running").asBoolean()).isTrue();
    }

    @Test
    void metrics_are_exposed_for_prometheus() {
        Http.Response metrics = http.get("/actuator/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void unknown_paths_are_problems_too() {
        assertProblem(http.get("/api/nothing-here"), 404, "not-found");
    }
}
