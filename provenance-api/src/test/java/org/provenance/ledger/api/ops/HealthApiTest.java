package org.provenance.ledger.api.ops;

import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.TestTokens;
import org.provenance.ledger.api.support.TestUsers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Probes for orchestrators, details for admins, and no path that answers a stranger with 500. */
class HealthApiTest extends ApiTest {

    @Test
    void liveness_and_readiness_answer_anyone_with_the_status_alone() {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            for (Http client : List.of(anonymous(), as(TestUsers.OPERATOR), as(TestUsers.AUDITOR))) {
                Http.Response health = client.get(path);
                assertThat(health.status()).as(path).isEqualTo(200);
                assertThat(health.text("status")).isEqualTo("UP");
                assertThat(health.json().has("components")).as(path + " " + health.body()).isFalse();
                assertThat(health.json().has("details")).as(path + " " + health.body()).isFalse();
                assertThat(health.body()).doesNotContain("/", "diskSpace", "PostgreSQL");
            }
        }
    }

    @Test
    void strangers_see_the_status_and_nothing_else_whatever_they_send() {
        String complianceToken = TestTokens.token("officer@example.org", Map.of("roles", List.of("COMPLIANCE")));
        List<Http> strangers = List.of(anonymous(), anonymous().bearer(complianceToken), as(TestUsers.COMPLIANCE),
                                       anonymous().withHeaders(Map.of("Accept", "application/json")));
        for (String path : List.of("/actuator/health", "/actuator/health/", "/actuator/health/liveness",
                                   "/actuator/health/readiness")) {
            for (Http client : strangers) {
                Http.Response health = client.get(path);
                assertThat(health.status()).as(path).isEqualTo(200);
                // the names of the probe groups are public (README); no component, detail or position is
                assertThat(health.json().propertyNames()).as(path + " " + health.body()).isSubsetOf("status", "groups");
                assertThat(health.body()).doesNotContain("position", "path", "free", "total", "ledger");
            }
        }
        for (String component : List.of("diskSpace", "db", "projections", "ping", "ssl", "readiness/db",
                                         "readiness/projections", "liveness/livenessState")) {
            Http.Response hidden = anonymous().get("/actuator/health/" + component);
            assertProblem(hidden, 404, "not-found");
            assertThat(hidden.body()).doesNotContain("position", "free", "PostgreSQL");
        }
        // an admin by token sees what an admin by password sees
        String adminToken = TestTokens.token("ops@example.org", Map.of("roles", List.of("ADMIN")));
        Http.Response forAdmin = anonymous().bearer(adminToken).get("/actuator/health");
        assertThat(forAdmin.json().path("components").path("diskSpace").path("details").has("free")).isTrue();
        assertThat(forAdmin.json().path("components").path("projections").path("details").path("ledger")
                           .has("position")).isTrue();
    }

    @Test
    void readiness_shows_admins_the_database_and_the_event_processors() {
        Http.Response readiness = as(TestUsers.ADMIN).get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(readiness.json().path("components").path("projections").path("status").asString()).isEqualTo("UP");
        assertThat(readiness.json().path("components").path("readinessState").path("status").asString()).isEqualTo("UP");
        // liveness says whether to restart the process, and a database outage is no reason to
        Http.Response liveness = as(TestUsers.ADMIN).get("/actuator/health/liveness");
        assertThat(liveness.json().path("components").propertyNames()).containsExactly("livenessState");
    }

    @Test
    void admins_see_every_component_of_health() {
        Http.Response health = as(TestUsers.ADMIN).get("/actuator/health");

        assertThat(health.json().path("components").path("db").path("details").path("database").asString())
                .isEqualTo("PostgreSQL");
        assertThat(health.json().path("components").path("projections").path("details").path("ledger")
                         .path("running").asBoolean()).isTrue();
    }

    @Test
    void the_error_path_asked_directly_is_not_found_not_a_server_error() {
        assertProblem(anonymous().get("/error"), 404, "not-found");
        assertProblem(as(TestUsers.ADMIN).get("/error"), 404, "not-found");
    }

    @Test
    void no_unauthenticated_request_is_answered_with_a_server_error() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<String> paths = List.of("/", "/error", "/actuator", "/actuator/", "/actuator/health", "/actuator/health/",
                                     "/actuator/health/liveness", "/actuator/health/readiness", "/actuator/health/db",
                                     "/actuator/health/nothing", "/actuator/info", "/actuator/prometheus",
                                     "/actuator/env", "/actuator/nothing", "/api", "/api/", "/api/nothing",
                                     "/api/lots/X", "/api/batches", "/api/batch-jobs", "/api/batch-jobs/X",
                                     "/nothing/at/all", "/%2e%2e/etc/passwd", "/api/lots/%00");
        List<String> methods = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
        for (String path : paths) {
            for (String method : methods) {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                   .method(method, method.equals("GET") || method.equals("HEAD")
                                           ? HttpRequest.BodyPublishers.noBody()
                                           : HttpRequest.BodyPublishers.ofString("{}"))
                                   .header("Content-Type", "application/json").build(),
                        HttpResponse.BodyHandlers.ofString());
                String what = method + " " + path + " -> " + response.statusCode() + " " + response.body();
                assertThat(response.statusCode()).as(what).isLessThan(500);
                if (response.statusCode() >= 400 && !method.equals("HEAD")) {
                    assertThat(response.headers().firstValue("Content-Type").orElse("")).as(what)
                            .startsWith("application/problem+json");
                }
            }
        }
    }
}
