package org.provenance.ledger.api.outage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenance.ledger.api.LedgerApplication;
import org.provenance.ledger.api.support.Await;
import org.provenance.ledger.api.support.Http;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stopped under the ledger and started again (SPEC 14): while it is away, writes, reads
 * and batches answer 503 problem+json with Retry-After within seconds, never 500; readiness says
 * DOWN at once; when it is back the ledger takes writes again without a restart.
 * <p>
 * The database is the test's own (a private data directory on a fixed port), never the shared one.
 */
class DatabaseOutageTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path keyDir;

    private final HttpClient client = HttpClient.newHttpClient();
    private int port;
    private EmbeddedPostgres postgres;
    private ConfigurableApplicationContext ledger;

    @AfterEach
    void stop() throws IOException {
        if (ledger != null) {
            ledger.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void an_outage_is_answered_503_with_retry_after_and_the_ledger_recovers_by_itself() throws Exception {
        int pgPort = freePort();
        postgres = startPostgres(pgPort);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create database ledger");
        }
        ledger = new SpringApplicationBuilder(LedgerApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:postgresql://localhost:" + pgPort + "/ledger",
                "--spring.datasource.username=postgres",
                "--ledger.audit.key-dir=" + keyDir,
                "--ledger.security.local-users.boss.password={noop}boss-secret",
                "--ledger.security.local-users.boss.roles=ADMIN,OPERATOR,COMPLIANCE,AUDITOR",
                "--ledger.security.local-users.boss.facilities=*");
        port = Integer.parseInt(ledger.getEnvironment().getProperty("local.server.port"));
        Http http = new Http(port).basic("boss", "boss-secret");
        String before = "OUTAGE-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(http.post("/api/facilities", facility(before)).status()).isEqualTo(201);
        // read once, so that no read during the outage waits for the projections to reflect it
        assertThat(http.get("/api/facilities/" + before).status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);

        postgres.close();
        postgres = null;

        // Several clients at once, as under load: writes, reads, lists and a batch.
        List<String> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        for (int client = 0; client < 2; client++) {
            clients.add(CompletableFuture.runAsync(() -> timed(answers, "write", "POST", "/api/facilities",
                                                               facility("OUTAGE-W-" + UUID.randomUUID()))));
            clients.add(CompletableFuture.runAsync(() -> timed(answers, "read", "GET", "/api/facilities/" + before, null)));
            clients.add(CompletableFuture.runAsync(() -> timed(answers, "list", "GET", "/api/flags?page=0&size=10", null)));
        }
        // A batch does not wait out the pool's timeout once per line: after the first, the rest fail at once.
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            lines.append(facilityLine("OUTAGE-B-" + UUID.randomUUID())).append('\n');
        }
        long batchStarted = System.nanoTime();
        Http.Response batch = http.postNdjson("/api/batches", lines.toString());
        assertThat(Duration.ofNanos(System.nanoTime() - batchStarted)).isLessThan(Duration.ofSeconds(10));
        CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertThat(answers).hasSize(6);
        assertThat(batch.status()).isEqualTo(200);
        assertThat(batch.lines()).hasSize(51);
        for (int i = 0; i < 50; i++) {
            assertThat(batch.lines().get(i).path("status").asInt()).as(batch.body()).isEqualTo(503);
            assertThat(batch.lines().get(i).path("problem").path("type").asString())
                    .isEqualTo("/problems/database-unavailable");
        }

        long started = System.nanoTime();
        Http.Response readiness = http.get("/actuator/health/readiness");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("readiness answers at once").isLessThan(Duration.ofSeconds(5));
        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.text("status")).isEqualTo("DOWN");
        assertThat(readiness.json().path("components").path("db").path("status").asString()).isEqualTo("DOWN");
        assertThat(new Http(port).get("/actuator/health/liveness").status()).as("alive: no reason to restart it")
                                                                         .isEqualTo(200);
        assertThat(answers).as("no answer of 500").noneMatch(a -> a.contains(" 500"));

        postgres = startPostgres(pgPort);

        String after = "OUTAGE-" + UUID.randomUUID().toString().substring(0, 8);
        Await.until("a write succeeds again", Duration.ofSeconds(30),
                    () -> http.post("/api/facilities", facility(after)).status() == 201);
        // The projection processor hit the outage too; it resumes as soon as the database answers
        // (ProjectionResume), not after Axon's back-off, so the read-your-writes read just works.
        Http.Response read = http.get("/api/facilities/" + after);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(http.get("/api/facilities/" + before).status()).isEqualTo(200);
        Await.until("readiness is UP again", Duration.ofSeconds(30),
                    () -> http.get("/actuator/health/readiness").status() == 200);
    }

    /** Sends a request during the outage and checks its answer: 503, Retry-After, problem+json, within seconds. */
    private void timed(List<String> answers, String what, String method, String path, String body) {
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                               .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                                       "boss:boss-secret".getBytes(StandardCharsets.UTF_8)))
                                               .header("Content-Type", "application/json")
                                               .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                                       : HttpRequest.BodyPublishers.ofString(body))
                                               .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        answers.add(what + " " + response.statusCode());
        String seen = what + ": " + response.statusCode() + " " + response.body();
        assertThat(response.statusCode()).as(seen).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).as(seen).hasValue("5");
        assertThat(response.body()).contains("\"type\":\"/problems/database-unavailable\"");
        assertThat(response.body()).doesNotContainIgnoringCase("exception").doesNotContain("SQL", "org.");
        assertThat(took).as(what + " answered in a few seconds, not after 30").isLessThan(Duration.ofSeconds(10));
    }

    private EmbeddedPostgres startPostgres(int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
    }

    /** The body of POST /api/facilities (strict input: no field it does not know). */
    private static String facility(String id) {
        return "{\"id\": \"" + id.substring(0, Math.min(id.length(), 60))
                + "\", \"name\": \"Outage mine\", \"kind\": \"MINE\", \"country\": \"AU\"}";
    }

    /** The same write as a batch line, routed by its type. */
    private static String facilityLine(String id) {
        return "{\"type\": \"facility\", " + facility(id).substring(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
