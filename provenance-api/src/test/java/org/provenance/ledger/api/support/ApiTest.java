package org.provenance.ledger.api.support;

import org.junit.jupiter.api.BeforeEach;
import org.provenance.ledger.api.LedgerApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger on a random port against a real PostgreSQL (see {@link TestDatabase}). Tests share
 * one application and database, so each test makes its own ids with {@link #id(String)}.
 */
@AutoConfigureMetrics
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected Http http;

    /** The audit signing key of the test ledger: generated on start, never in the source tree. */
    protected static final Path KEY_DIR = temporaryKeyDir();

    /** Short, so tests of a skipped gap need not wait long; far above how long a test write takes. */
    protected static final Duration GAP_GRACE = Duration.ofSeconds(5);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.Coordinates db = TestDatabase.get();
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
        registry.add("ledger.home-bloc", () -> HOME_BLOC);
        registry.add("ledger.audit.key-dir", KEY_DIR::toString);
        registry.add("ledger.audit.gap-grace", () -> GAP_GRACE.toSeconds() + "s");
        registry.add("ledger.audit.chain-interval", () -> "50ms");
        TestUsers.register(registry);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location",
                     () -> "file:" + TestTokens.PUBLIC_KEY);
        registry.add("ledger.security.jwt.issuer", () -> TestTokens.ISSUER);
        // one more required claim than the default (exp, sub), to show that the list is configurable
        registry.add("ledger.security.jwt.required-claims", () -> "exp,sub,jti");
        // Every test client is 127.0.0.1 and shares it; LoginThrottleTest spends this from other addresses.
        registry.add("ledger.security.login-throttle.per-address.failures", () -> "30");
        // Webhook tests receive on loopback (refused unless configured) and should not wait out
        // production back-off; see WebhookDeliveryApiTest.
        registry.add("ledger.webhooks.allow-loopback", () -> "true");
        registry.add("ledger.webhooks.retry-base", () -> "100ms");
        registry.add("ledger.webhooks.poll-interval", () -> "200ms");
    }

    /** A client authenticated as the given test user. */
    protected Http as(TestUsers.User user) {
        return new Http(port).basic(user.name(), user.password());
    }

    protected Http anonymous() {
        return new Http(port);
    }

    /** The tests' home bloc; its founding members joined in 2000. */
    protected static final String HOME_BLOC = "TEST-HOME";
    protected static final List<String> FOUNDING_MEMBERS = List.of("AU", "US", "EE", "JP", "CA", "DE");

    @BeforeEach
    void client() {
        http = as(TestUsers.TESTER);
    }

    /** Creates the home bloc and its founding members; repeating it is a no-op (idempotent writes). */
    protected void homeBloc() {
        assertThat(http.post("/api/blocs", """
                {"id": "%s", "name": "Test home bloc"}""".formatted(HOME_BLOC)).status()).isEqualTo(201);
        for (String country : FOUNDING_MEMBERS) {
            Http.Response admitted = http.put("/api/blocs/" + HOME_BLOC + "/members/" + country,
                                              "{\"effectiveFrom\": \"2000-01-01T00:00:00Z\"}");
            assertThat(admitted.status()).as(admitted.body()).isEqualTo(201);
        }
    }

    protected String transform(String facilityId, String stage, String outputMassKg, String... lotsAndMasses) {
        String outputId = id("OUT");
        StringBuilder inputs = new StringBuilder();
        for (int i = 0; i < lotsAndMasses.length; i += 2) {
            if (!inputs.isEmpty()) {
                inputs.append(", ");
            }
            inputs.append("{\"lotId\": \"").append(lotsAndMasses[i]).append("\", \"massKg\": ")
                  .append(lotsAndMasses[i + 1]).append("}");
        }
        Http.Response r = http.post("/api/transformations", """
                {"id": "%s", "facilityId": "%s", "stage": "%s", "inputs": [%s],
                 "outputs": [{"lotId": "%s", "mineral": "REE", "form": "oxide", "massKg": %s}]}"""
                .formatted(id("X"), facilityId, stage, inputs, outputId, outputMassKg));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return outputId;
    }

    protected static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected long eventCount() {
        return jdbc.sql("select count(*) from domain_event_entry").query(Long.class).single();
    }

    protected long latestEventPosition() {
        return jdbc.sql("select coalesce(max(global_index), 0) from domain_event_entry").query(Long.class).single();
    }

    protected long chainHead() {
        return jdbc.sql("select coalesce(max(global_index), 0) from audit_chain").query(Long.class).single();
    }

    /** Waits until the audit chain covers every event committed so far; returns that position. */
    protected long awaitChained() {
        long latest = latestEventPosition();
        awaitChainedUpTo(latest);
        return latest;
    }

    protected void awaitChainedUpTo(long position) {
        // A rolled-back write elsewhere can hold the chain back for up to the gap grace period, and the
        // chainer waits out the holes it meets one after another: the races and fuzz tests sharing this
        // ledger leave several behind (seen: ten holes, 50 s, when PoisonedEventTest ran after them).
        Await.until("the audit chain reaches position " + position, GAP_GRACE.multipliedBy(18),
                    () -> chainHead() >= position);
    }

    /** Asserts a problem+json answer with the given status and problem type code. */
    protected static void assertProblem(Http.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("type")).isEqualTo("/problems/" + code);
        assertThat(response.text("title")).isNotBlank();
        assertThat(response.text("detail")).isNotBlank();
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
    }

    /** Asserts that the problem names the field among its errors. */
    protected static void assertNamesField(Http.Response response, String field) {
        assertThat(response.json().path("errors").findValuesAsString("field")).as(response.body()).contains(field);
    }

    private static Path temporaryKeyDir() {
        try {
            Path dir = Files.createTempDirectory("ledger-test-keys-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // the JVM is exiting; a stray temporary directory is all that is left
                }
            }));
            return dir.resolve("keys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- a small vocabulary for setting up supply chains over HTTP ---

    protected String facility(String kind, String country) {
        return facility(kind, country, null);
    }

    protected String facility(String kind, String country, String ownerCountry) {
        String id = id(kind);
        String owner = ownerCountry == null ? "" : ", \"ownerCountry\": \"" + ownerCountry + "\"";
        Http.Response r = http.post("/api/facilities", """
                {"id": "%s", "name": "%s %s", "kind": "%s", "country": "%s"%s}"""
                .formatted(id, kind, country, kind, country, owner));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return id;
    }

    protected String extract(String mineId, String massKg) {
        String lotId = id("LOT");
        Http.Response r = http.post("/api/lots/extractions", """
                {"lotId": "%s", "mineId": "%s", "mineral": "REE", "form": "ore", "massKg": %s}"""
                .formatted(lotId, mineId, massKg));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return lotId;
    }

    protected Http.Response transfer(String transferId, String lotId, String from, String to) {
        return http.post("/api/transfers", """
                {"id": "%s", "lotId": "%s", "fromFacilityId": "%s", "toFacilityId": "%s"}"""
                .formatted(transferId, lotId, from, to));
    }
}
