package org.provenance.ledger.api.batch;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Await;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.util.List;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provenance.ledger.api.support.TestUsers.OPERATOR_MINE;

/** Large imports as jobs: 202 and a job to follow, the batch's per-line rules, answers kept and paged. */
class BatchJobApiTest extends ApiTest {

    @Autowired
    BatchJobStore store;

    @Autowired
    BatchJobRunner runner;

    @BeforeEach
    void operatorsMine() {
        http.post("/api/facilities", """
                {"id": "%s", "name": "Operator's mine", "kind": "MINE", "country": "AU"}""".formatted(OPERATOR_MINE));
    }

    @Test
    void a_job_applies_each_line_with_the_submitters_permissions_and_keeps_the_answers() throws Exception {
        String lotId = id("LOT");
        String body = String.join("\n",
                """
                {"type": "extraction", "lotId": "%s", "mineId": "%s", "mineral": "W", "form": "ore", "massKg": 10}"""
                        .formatted(lotId, OPERATOR_MINE),
                """
                {"type": "facility", "id": "%s", "name": "Not for operators", "kind": "MINE", "country": "AU"}"""
                        .formatted(id("MINE")),
                "",
                """
                {"type": "no-such-kind"}""") + "\n";

        HttpResponse<String> submitted = submit(TestUsers.OPERATOR, body);

        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String location = submitted.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/api/batch-jobs/");
        Http operator = as(TestUsers.OPERATOR);
        Await.until("the job finishes", Duration.ofSeconds(30),
                    () -> !operator.get(location).json().path("running").asBoolean(true));

        Http.Response job = operator.get(location);
        assertThat(job.status()).isEqualTo(200);
        assertThat(job.text("jobID")).isEqualTo(location.substring(location.lastIndexOf('/') + 1));
        assertThat(job.json().path("success").asBoolean()).isFalse();
        assertThat(job.json().path("lines").asInt()).isEqualTo(3);
        assertThat(job.json().path("processed").asInt()).isEqualTo(3);
        assertThat(job.json().path("succeeded").asInt()).isEqualTo(1);
        assertThat(job.json().path("failed").asInt()).isEqualTo(2);
        assertThat(job.json().path("progress").asDouble()).isEqualTo(1.0);
        assertThat(job.json().path("errors").findValuesAsString("line")).containsExactly("2", "3");
        assertThat(job.json().path("errors").get(0).path("problem").path("type").asString()).isEqualTo("/problems/forbidden");
        assertThat(job.json().path("errors").get(1).path("status").asInt()).isEqualTo(400);

        Http.Response first = operator.get(location + "/answers?page=0&size=2");
        assertThat(first.json().path("total").asInt()).isEqualTo(3);
        assertThat(first.json().path("items")).hasSize(2);
        assertThat(first.json().path("items").get(0).path("status").asInt()).isEqualTo(201);
        assertThat(first.json().path("items").get(0).path("id").asString()).isEqualTo(lotId);
        Http.Response second = operator.get(location + "/answers?page=1&size=2");
        assertThat(second.json().path("items")).hasSize(1);
        assertThat(second.json().path("items").get(0).path("line").asInt()).isEqualTo(3);
        assertThat(operator.get(location + "/answers?failed=true").json().path("total").asInt()).isEqualTo(2);

        // recorded in the submitter's name, as a synchronous batch would be
        Http.Response events = as(TestUsers.AUDITOR).get("/api/lots/" + lotId + "/events");
        assertThat(events.json().findValuesAsString("principal")).containsOnly(TestUsers.OPERATOR.principal());
    }

    @Test
    void a_job_is_read_by_its_submitter_and_admins_only() throws Exception {
        HttpResponse<String> submitted = submit(TestUsers.OPERATOR, """
                {"type": "no-such-kind"}
                """);
        String location = submitted.headers().firstValue("Location").orElseThrow();
        String jobId = location.substring(location.lastIndexOf('/') + 1);

        assertThat(as(TestUsers.OPERATOR).get(location).status()).isEqualTo(200);
        assertThat(as(TestUsers.OPERATOR).get(location).text("submitter")).isEqualTo(TestUsers.OPERATOR.principal());
        assertThat(as(TestUsers.ADMIN).get(location).status()).isEqualTo(200);
        assertProblem(as(TestUsers.COMPLIANCE).get(location), 404, "not-found");
        assertProblem(as(TestUsers.COMPLIANCE).get(location + "/answers"), 404, "not-found");
        assertProblem(as(TestUsers.AUDITOR).get(location), 403, "forbidden");
        assertProblem(anonymous().get(location), 401, "unauthenticated");

        assertThat(as(TestUsers.OPERATOR).get("/api/batch-jobs").json().path("items").findValuesAsString("jobID"))
                .contains(jobId);
        assertThat(as(TestUsers.ADMIN).get("/api/batch-jobs?size=1000").json().path("items").findValuesAsString("jobID"))
                .contains(jobId);
        assertThat(as(TestUsers.COMPLIANCE).get("/api/batch-jobs").json().path("items").findValuesAsString("jobID"))
                .doesNotContain(jobId);
        assertProblem(as(TestUsers.OPERATOR).get("/api/batch-jobs?size=0"), 400, "invalid-parameter");
    }

    @Test
    void roles_that_cannot_write_cannot_submit_jobs() throws Exception {
        HttpResponse<String> refused = submit(TestUsers.AUDITOR, "{\"type\": \"no-such-kind\"}\n");
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    /** A job a restart interrupted (stored, never run) is picked up when the runner starts again. */
    @Test
    void unfinished_jobs_resume_when_the_runner_starts() {
        String lotId = id("LOT");
        String line = "{\"type\": \"extraction\", \"lotId\": \"" + lotId + "\", \"mineId\": \"" + OPERATOR_MINE
                + "\", \"mineral\": \"W\", \"form\": \"ore\", \"massKg\": 10}";
        runner.stop();
        try {
            String jobId = id("JOB");
            store.create(jobId, TestUsers.OPERATOR.principal(), List.of("ROLE_OPERATOR", "FACILITY:" + OPERATOR_MINE),
                         new java.io.ByteArrayInputStream((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(as(TestUsers.OPERATOR).get("/api/batch-jobs/" + jobId).json().path("running").asBoolean()).isTrue();
            runner.start();
            Await.until("the interrupted job finishes", Duration.ofSeconds(30),
                        () -> !as(TestUsers.OPERATOR).get("/api/batch-jobs/" + jobId).json().path("running").asBoolean());
            assertThat(as(TestUsers.OPERATOR).get("/api/batch-jobs/" + jobId).json().path("success").asBoolean()).isTrue();
            assertThat(as(TestUsers.OPERATOR).get("/api/lots/" + lotId).status()).isEqualTo(200);
        } finally {
            runner.start();
        }
    }

    /** Stopping (as at shutdown) pauses a job between two lines; it goes on from there when started again. */
    @Test
    void a_job_paused_by_a_stop_goes_on_where_it_stopped() throws Exception {
        String mine = id("MINE");
        String line = "{\"type\": \"facility\", \"id\": \"" + mine
                + "\", \"name\": \"Paused mine\", \"kind\": \"MINE\", \"country\": \"AU\"}\n";
        // the same write again and again: each line a real (idempotent) write, a few milliseconds each
        HttpResponse<String> submitted = submit(TestUsers.ADMIN, line.repeat(5000));
        String location = submitted.headers().firstValue("Location").orElseThrow();
        Http admin = as(TestUsers.ADMIN);
        try {
            Await.until("the job is under way", Duration.ofSeconds(30),
                        () -> admin.get(location).json().path("processed").asInt() > 0);
            runner.stop();
            Http.Response paused = admin.get(location);
            assertThat(paused.json().path("running").asBoolean()).as(paused.body()).isTrue();
            int processed = paused.json().path("processed").asInt();
            assertThat(processed).isBetween(1, 4999);
            assertThat(admin.get(location).json().path("processed").asInt()).as("nothing runs while stopped")
                                                                           .isEqualTo(processed);
        } finally {
            runner.start();
        }
        Await.until("the job finishes", Duration.ofSeconds(120),
                    () -> !admin.get(location).json().path("running").asBoolean());
        Http.Response done = admin.get(location);
        assertThat(done.json().path("processed").asInt()).isEqualTo(5000);
        assertThat(done.json().path("succeeded").asInt()).as(done.body()).isEqualTo(5000);
        assertThat(admin.get(location + "/answers?page=9&size=500").json().path("items").get(499).path("line").asInt())
                .isEqualTo(5000);
    }

    private HttpResponse<String> submit(TestUsers.User user, String ndjson) throws Exception {
        String credentials = Base64.getEncoder().encodeToString(
                (user.name() + ":" + user.password()).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/batch-jobs"))
                           .header("Authorization", "Basic " + credentials)
                           .header("Content-Type", "application/x-ndjson")
                           .POST(HttpRequest.BodyPublishers.ofString(ndjson)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
