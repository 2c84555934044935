package org.provenance.ledger.api.input;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.TestUsers;
import org.springframework.test.context.TestContextManager;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes every write endpoint and the batch endpoint over real HTTP (issue 11): valid bodies
 * mutated (keys dropped, renamed, repeated; values replaced by other types, control characters,
 * lone surrogates, huge texts, huge and odd numbers, bad dates, nested garbage; trailing data,
 * truncation, stray characters), odd path segments, and random JSON. Whatever comes in: no 5xx,
 * every refusal is problem+json, a refusal appends nothing, and the read side stays healthy.
 *
 * <p>Runs on the shared test ledger of {@link ApiTest} (jqwik does not run JUnit Jupiter's Spring
 * extension, so the Spring test context is attached by hand). Short by default;
 * {@code -Dledger.fuzz.tries=N} runs every property N times.
 */
class WriteFuzzTest extends ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Per JVM, so reruns against a kept database do not collide. */
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String MINE = "FZ-MINE-" + RUN;
    private static final String PLANT = "FZ-PLANT-" + RUN;
    private static final String BUYER = "FZ-BUYER-" + RUN;
    private static final String BLOC = "FZ-BLOC-" + RUN;
    private static final List<String> LOTS = List.of("FZ-LOT-1-" + RUN, "FZ-LOT-2-" + RUN, "FZ-LOT-3-" + RUN);

    private static final AtomicLong requests = new AtomicLong();
    private static final AtomicLong batchLines = new AtomicLong();
    private static final AtomicLong serverErrors = new AtomicLong();
    private static volatile int ledgerPort;
    private static volatile String flagId;

    @BeforeProperty
    void attachLedger() throws Exception {
        new TestContextManager(WriteFuzzTest.class).prepareTestInstance(this);
        http = as(TestUsers.TESTER);
        synchronized (WriteFuzzTest.class) {
            if (flagId == null) {
                seed();
                ledgerPort = port;
            }
        }
    }

    /** Facilities, a bloc, lots and a raised flag for valid bodies to refer to (every write is idempotent). */
    private void seed() {
        homeBloc();
        created(http.post("/api/facilities", "{\"id\":\"%s\",\"name\":\"Fuzz mine\",\"kind\":\"MINE\",\"country\":\"CN\"}".formatted(MINE)));
        created(http.post("/api/facilities", "{\"id\":\"%s\",\"name\":\"Fuzz plant\",\"kind\":\"PROCESSOR\",\"country\":\"JP\"}".formatted(PLANT)));
        created(http.post("/api/facilities", "{\"id\":\"%s\",\"name\":\"Fuzz buyer\",\"kind\":\"BUYER\",\"country\":\"US\"}".formatted(BUYER)));
        created(http.post("/api/blocs", "{\"id\":\"%s\",\"name\":\"Fuzz bloc\"}".formatted(BLOC)));
        for (String lot : LOTS) {
            created(http.post("/api/lots/extractions", """
                    {"lotId":"%s","mineId":"%s","mineral":"REE","form":"ore","massKg":1000}""".formatted(lot, MINE)));
        }
        String transfer = "FZ-T-" + RUN;
        created(transfer(transfer, LOTS.get(0), MINE, BUYER));
        flagId = transfer + ":NON_BLOC_ORIGIN";
        assertThat(http.get("/api/flags/" + flagId).status()).isEqualTo(200);
    }

    private static void created(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    // --- properties ---

    @Property(tries = 800)
    @AddLifecycleHook(FuzzTries.class)
    void a_mutated_write_is_answered_without_5xx_and_a_refusal_appends_nothing(@ForAll("mutatedWrites") Mutated write) {
        long events = eventCount();
        Http.Response response = send(write.target().method(), write.target().path(), write.restBody(), "application/json");
        assertAnswered(response, events);
    }

    @Property(tries = 120)
    @AddLifecycleHook(FuzzTries.class)
    void a_mutated_batch_is_answered_line_by_line_without_5xx(@ForAll("mutatedBatches") List<Mutated> batch) {
        StringBuilder ndjson = new StringBuilder();
        batch.forEach(line -> ndjson.append(line.batchLine()).append('\n'));
        long expectedLines = ndjson.toString().split("\n", -1).length == 0 ? 0
                : java.util.Arrays.stream(ndjson.toString().split("\n", -1)).filter(l -> !blank(l)).count();
        long events = eventCount();

        Http.Response response = http.postNdjson("/api/batches", ndjson.toString());
        requests.incrementAndGet();

        if (response.status() >= 500) {
            serverErrors.incrementAndGet();
        }
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<JsonNode> lines = response.lines();
        assertThat(lines).hasSize((int) expectedLines + 1);
        long succeeded = 0;
        for (JsonNode line : lines.subList(0, lines.size() - 1)) {
            batchLines.incrementAndGet();
            int status = line.path("status").asInt();
            if (status >= 500) {
                serverErrors.incrementAndGet();
            }
            assertThat(status).as(line.toString()).isBetween(200, 499);
            if (status == 201) {
                succeeded++;
            } else {
                assertThat(line.path("problem").path("type").asString()).as(line.toString()).startsWith("/problems/");
                assertThat(line.path("problem").path("status").asInt()).isEqualTo(status);
            }
        }
        if (succeeded == 0) {
            assertThat(eventCount()).as("events after a batch of refused lines").isEqualTo(events);
        }
    }

    @Property(tries = 250)
    @AddLifecycleHook(FuzzTries.class)
    void random_json_or_another_media_type_is_refused_as_a_problem(@ForAll("endpoints") Target target,
                                                                 @ForAll("randomBodies") String body,
                                                                 @ForAll("contentTypes") String contentType) {
        long events = eventCount();
        Http.Response response = send(target.method(), target.path(), body, contentType);
        assertAnswered(response, events);
        if (!contentType.contains("json")) {
            // 415, or 400 where the security firewall already refused a form parameter's name.
            assertThat(response.status()).as(response.body()).isIn(400, 415);
        }
    }

    @AfterContainer
    static void the_read_side_stays_healthy() {
        System.out.printf("Fuzz run: %d HTTP requests, %d batch lines (%d generated requests in total), %d answered 5xx%n",
                          requests.get(), batchLines.get(), requests.get() + batchLines.get(), serverErrors.get());
        assertThat(serverErrors.get()).isZero();
        if (ledgerPort == 0) {
            return;
        }
        Http client = new Http(ledgerPort).basic(TestUsers.TESTER.name(), TestUsers.TESTER.password());
        // The projections' own health: other tests sharing this ledger may tamper with the audit chain on purpose.
        Http.Response health = client.get("/actuator/health");
        // (the ledger's "projections" indicator: Axon has no health indicator of its own for processors)
        assertThat(health.json().path("components").path("projections").path("status").asString())
                .as(health.body()).isEqualTo("UP");
        for (String read : List.of("/api/facilities/" + MINE, "/api/lots/" + LOTS.get(2), "/api/blocs/" + BLOC,
                                   "/api/flags/" + flagId, "/api/flags?size=500", "/api/facilities/" + MINE + "/mass-balance")) {
            Http.Response answer = client.get(read);
            assertThat(answer.status()).as(read + " " + answer.body()).isEqualTo(200);
        }
        String lot = "FZ-AFTER-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(client.post("/api/lots/extractions", """
                {"lotId":"%s","mineId":"%s","mineral":"REE","form":"ore","massKg":5}""".formatted(lot, MINE)).status())
                .isEqualTo(201);
        assertThat(client.get("/api/lots/" + lot).status()).isEqualTo(200);
    }

    private Http.Response send(String method, String path, String body, String contentType) {
        Http.Response response = raw(method, path, body, contentType);
        requests.incrementAndGet();
        if (response.status() >= 500) {
            serverErrors.incrementAndGet();
        }
        return response;
    }

    private static final java.net.http.HttpClient CLIENT = java.net.http.HttpClient.newHttpClient();

    /** Any method, path, body and content type, as sent (Http only sends well-formed requests). */
    private Http.Response raw(String method, String path, String body, String contentType) {
        String credentials = java.util.Base64.getEncoder().encodeToString(
                (TestUsers.TESTER.name() + ":" + TestUsers.TESTER.password()).getBytes(StandardCharsets.UTF_8));
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest
                .newBuilder(java.net.URI.create("http://localhost:" + port + path))
                .timeout(java.time.Duration.ofSeconds(60))
                .header("Authorization", "Basic " + credentials)
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            java.net.http.HttpResponse<String> response = CLIENT.send(request.build(),
                                                                      java.net.http.HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = type.contains("json") && !response.body().isBlank() ? JSON.readTree(response.body())
                    : JSON.nullNode();
            return new Http.Response(response.statusCode(), type, response.body(), json, response.headers());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void assertAnswered(Http.Response response, long eventsBefore) {
        assertThat(response.status()).as(response.body()).isBetween(200, 499);
        if (response.status() >= 400) {
            assertThat(response.contentType()).as(response.body()).startsWith("application/problem+json");
            assertThat(response.text("type")).startsWith("/problems/");
            assertThat(response.body()).doesNotContain("Exception", "com.fasterxml", "tools.jackson", "org.postgresql", "SQL");
            assertThat(eventCount()).as("events after a refusal").isEqualTo(eventsBefore);
        }
    }

    private static boolean blank(String line) {
        return line.chars().allMatch(c -> c == ' ' || c == '\t' || c == '\r');
    }

    // --- what is sent ---

    /** A write: its endpoint, the path ids a batch line carries as fields, and a valid body. */
    record Target(String type, String method, String template, Map<String, String> pathFields, ObjectNode body) {

        /** The template's {field}s replaced by the path fields, percent-encoded as a client would. */
        String path() {
            String path = template;
            for (Map.Entry<String, String> field : pathFields.entrySet()) {
                path = path.replace("{" + field.getKey() + "}",
                                    URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
            }
            return path;
        }
    }

    enum Kind { DROP, RENAME, REPLACE_VALUE, REPEAT_KEY_LAST, REPEAT_KEY_FIRST, TRAILING, TRUNCATE, STRAY_CHARACTER, WRAP, ODD_PATH }

    record Mutation(Kind kind, int where, String token) {
    }

    record Mutated(Target target, List<Mutation> mutations) {

        String restBody() {
            return mutate(target.body().deepCopy(), mutations);
        }

        String batchLine() {
            ObjectNode line = NODES.objectNode().put("type", target.type());
            target.pathFields().forEach(line::put);
            line.setAll(target.body().deepCopy());
            return mutate(line, mutations);
        }

        @Override
        public String toString() {
            return target.method() + " " + target.path() + " " + restBody();
        }
    }

    @Provide
    Arbitrary<Mutated> mutatedWrites() {
        return Combinators.combine(endpoints(), mutations().list().ofMaxSize(3))
                          .as((target, mutations) -> new Mutated(withOddPath(target, mutations), mutations));
    }

    @Provide
    Arbitrary<List<Mutated>> mutatedBatches() {
        return mutatedWrites().list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<Target> endpoints() {
        Arbitrary<String> newId = Arbitraries.strings().withChars("ABCDEFXYZ0123456789-_.:").ofMinLength(1).ofMaxLength(12)
                                             .map(s -> "FZ-" + RUN + "-" + s);
        Arbitrary<String> lotId = Arbitraries.oneOf(newId, Arbitraries.of(LOTS));
        Arbitrary<String> facility = Arbitraries.of(MINE, PLANT, BUYER);
        Arbitrary<String> mass = Arbitraries.of("1", "0.5", "700", "12.345678", "1000", "0.000001");
        Arbitrary<String> date = Arbitraries.of("2026-03-01T08:00:00Z", "2026-03-01T08:00:00+08:00", "2030-01-01T00:00:00.5Z");
        Arbitrary<String> country = Arbitraries.of("AU", "CN", "US", "JP", "EE", "MM");
        return Arbitraries.oneOf(
                Combinators.combine(newId, Arbitraries.of("MINE", "PROCESSOR", "TRADER", "BUYER"), country)
                           .as((id, kind, c) -> target("facility", "POST", "/api/facilities", Map.of(),
                                                       "{\"id\":\"%s\",\"name\":\"Fuzz %s\",\"kind\":\"%s\",\"country\":\"%s\",\"ownerCountry\":\"CN\"}",
                                                       id, kind, kind, c)),
                newId.map(id -> target("bloc", "POST", "/api/blocs", Map.of(), "{\"id\":\"%s\",\"name\":\"Fuzz bloc %s\"}", id, id)),
                Combinators.combine(country, date, Arbitraries.of("admission", "departure"))
                           .as((c, d, type) -> target(type, type.equals("admission") ? "PUT" : "DELETE",
                                                      "/api/blocs/{blocId}/members/{country}",
                                                      Map.of("blocId", BLOC, "country", c), "{\"effectiveFrom\":\"%s\"}", d)),
                Combinators.combine(mass, date).as((m, d) -> target("price-floor", "PUT",
                        "/api/blocs/{blocId}/price-floors/{mineral}/{form}",
                        Map.of("blocId", BLOC, "mineral", "REE", "form", "oxide"),
                        "{\"currency\":\"USD\",\"pricePerKg\":%s,\"effectiveFrom\":\"%s\"}", m, d)),
                Combinators.combine(newId, mass).as((id, m) -> target("extraction", "POST", "/api/lots/extractions", Map.of(),
                        "{\"lotId\":\"%s\",\"mineId\":\"%s\",\"mineral\":\"REE\",\"form\":\"ore\",\"massKg\":%s,\"occurredAt\":\"2026-03-01T08:00:00Z\"}",
                        id, MINE, m)),
                Combinators.combine(newId, mass, country).as((id, m, c) -> target("registration", "POST", "/api/lots/registrations",
                        Map.of(), "{\"lotId\":\"%s\",\"custodianId\":\"%s\",\"mineral\":\"Ga\",\"form\":\"metal\",\"massKg\":%s,\"declaredOrigin\":\"%s\"}",
                        id, PLANT, m, c)),
                Combinators.combine(newId, lotId, newId, mass).as((id, in, out, m) -> target("transformation", "POST",
                        "/api/transformations", Map.of(),
                        "{\"id\":\"%s\",\"facilityId\":\"%s\",\"stage\":\"SEPARATION\",\"inputs\":[{\"lotId\":\"%s\",\"massKg\":%s}],"
                                + "\"outputs\":[{\"lotId\":\"%s\",\"mineral\":\"REE\",\"form\":\"oxide\",\"massKg\":%s}]}",
                        id, PLANT, in, m, out, m)),
                Combinators.combine(newId, lotId, facility, facility, mass).as((id, lot, from, to, price) -> target("transfer",
                        "POST", "/api/transfers", Map.of(),
                        "{\"id\":\"%s\",\"lotId\":\"%s\",\"fromFacilityId\":\"%s\",\"toFacilityId\":\"%s\","
                                + "\"unitPrice\":{\"amount\":%s,\"currency\":\"USD\"},\"occurredAt\":\"2026-04-01T00:00:00Z\"}",
                        id, lot, from, to, price)),
                Arbitraries.of("FALSE_POSITIVE", "ACCEPTED_RISK", "CONFIRMED").map(decision -> target("review", "POST",
                        "/api/flags/{flagId}/reviews", Map.of("flagId", String.valueOf(flagId)),
                        "{\"decision\":\"%s\",\"note\":\"Fuzz review\\nsecond line\"}", decision)));
    }

    private static Target target(String type, String method, String path, Map<String, String> pathFields,
                                 String template, Object... args) {
        try {
            return new Target(type, method, path, new LinkedHashMap<>(pathFields),
                              (ObjectNode) JSON.readTree(template.formatted(args)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 1_000_000), tokens())
                          .as(Mutation::new);
    }

    /** Raw JSON fragments: odd values of every type. */
    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of(ODD_TOKENS)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().all().ofMaxLength(30).map(WriteFuzzTest::quoted)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u00a0').ofMaxLength(10)
                                                     .map(WriteFuzzTest::quoted)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(Arbitraries.longs(), Arbitraries.integers())
                                                     .as((m, e) -> m + "e" + e)),
                net.jqwik.api.Tuple.of(1, Arbitraries.bigDecimals().ofScale(8).map(d -> d.toPlainString())),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(1200)));
    }

    @Provide
    Arbitrary<String> randomBodies() {
        return Arbitraries.oneOf(tokens(), randomJson(4), Arbitraries.strings().all().ofMaxLength(200),
                                 Combinators.combine(randomJson(3), tokens()).as((a, b) -> a + b));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just("application/json")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("application/json;charset=UTF-8", "application/problem+json")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                                                         "application/octet-stream")));
    }

    private Arbitrary<String> randomJson(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(tokens(), Arbitraries.of("true", "false", "null", "0", "\"\""));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of("id", "name", "massKg", "lotId", "type", "inputs",
                                                                 "effectiveFrom", "note", "unitPrice"),
                                                  Arbitraries.strings().all().ofMaxLength(8)).map(WriteFuzzTest::quoted);
        Arbitrary<String> object = Combinators.combine(key, Arbitraries.lazy(() -> randomJson(depth - 1))).as((k, v) -> k + ":" + v)
                                              .list().ofMaxSize(5).map(members -> "{" + String.join(",", members) + "}");
        Arbitrary<String> array = Arbitraries.lazy(() -> randomJson(depth - 1)).list().ofMaxSize(4)
                                             .map(items -> "[" + String.join(",", items) + "]");
        return Arbitraries.oneOf(scalar, object, array);
    }

    private static final List<String> ODD_TOKENS = List.of(
            "\"700\"", "700", "true", "false", "null", "[]", "{}", "\"\"", "\" \"", "0", "-1", "1.5",
            "1e1000000000", "-1e1000000000", "1e-1000000000", "1E+1000000000", "-0", "-0.0", "1e-400", "1e400",
            "123456789012345678901234567890.123", "0.0000001", "1E+2", "9223372036854775808", "1" + "0".repeat(40),
            "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1e1000000000\"", "NaN", "Infinity", "01", ".5", "+1",
            "[[[[[[[[[[]]]]]]]]]]", "[".repeat(100) + "]".repeat(100), "{\"a\":{\"b\":{\"c\":[1,{\"d\":null}]}}}",
            "[\"REE\"]", "{\"amount\":1,\"currency\":\"USD\"}", "[{\"lotId\":\"X\",\"massKg\":1}]",
            "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udc00x\"", "\"x\\ud83d\"", "\"\\u001b[0m\"", "\"\\u0085\"",
            "\"\\u007f\"", "\"\\t\\n\\r\"", "\"\\u2028\"", "\"\\ufeff\"", "\"\\ud83d\\ude00\"", "\"ÄÖÜ 中文\"",
            "\"2026-01-01T00:00:00Z\"", "\"+1000000000-12-31T23:59:59.999999999Z\"", "\"-1000000000-01-01T00:00:00Z\"",
            "\"2026-13-45T99:00:00Z\"", "\"1899-12-31T23:59:59Z\"", "\"9999-12-31T23:59:59Z\"", "\"+10000-01-01T00:00:00Z\"",
            "\"2026-01-01\"", "\"2026-01-01T00:00:00\"", "1700000000", "\"MINE\"", "\"mine\"", "\"SEPARATION\"",
            "\"" + "x".repeat(300) + "\"", "\"" + "x".repeat(5000) + "\"", "\"" + "x".repeat(150_000) + "\"",
            "\"" + "9".repeat(2000) + "\"", "9".repeat(1100), "\"AU\"", "\"au\"", "\"USD\"", "\"ALLIES\"");

    /** Odd path segments, percent-encoded as a client would send them. */
    private static final List<String> ODD_SEGMENTS = List.of(
            "\u0000", "a\u0000b", "\t", "%", "..", ".", "a b", "\u00e9", "\ud83d\ude00", "x".repeat(300), "A/B", "a;b",
            "\\", "XX", "au", "-", "FR", "REE", "oxide", "NdFeB magnet");

    private static Target withOddPath(Target target, List<Mutation> mutations) {
        Map<String, String> fields = new LinkedHashMap<>(target.pathFields());
        for (Mutation m : mutations) {
            if (m.kind() == Kind.ODD_PATH && !fields.isEmpty()) {
                List<String> names = new ArrayList<>(fields.keySet());
                fields.put(names.get(m.where() % names.size()), ODD_SEGMENTS.get(m.where() % ODD_SEGMENTS.size()));
            }
        }
        return new Target(target.type(), target.method(), target.template(), fields, target.body());
    }

    /** Applies the mutations: those on the tree first, then those on the text. */
    static String mutate(ObjectNode body, List<Mutation> mutations) {
        for (Mutation m : mutations) {
            List<Map.Entry<ObjectNode, String>> fields = fields(body);
            if (fields.isEmpty()) {
                break;
            }
            Map.Entry<ObjectNode, String> field = fields.get(m.where() % fields.size());
            ObjectNode parent = field.getKey();
            String name = field.getValue();
            switch (m.kind()) {
                case DROP -> parent.remove(name);
                case RENAME -> parent.set(renamed(name, m), parent.remove(name));
                case REPLACE_VALUE -> parent.set(name, NODES.rawValueNode(new RawValue(m.token())));
                default -> {
                    // text mutations below
                }
            }
        }
        String text;
        try {
            text = JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (Mutation m : mutations) {
            List<String> names = new ArrayList<>();
            names.addAll(body.propertyNames());
            String repeated = names.isEmpty() ? "id" : names.get(m.where() % names.size());
            int at = text.isEmpty() ? 0 : m.where() % text.length();
            text = switch (m.kind()) {
                case REPEAT_KEY_LAST -> text.endsWith("}") ? text.substring(0, text.length() - 1)
                        + ",\"" + repeated + "\":" + m.token() + "}" : text;
                case REPEAT_KEY_FIRST -> text.startsWith("{") ? "{\"" + repeated + "\":" + m.token() + ","
                        + text.substring(1) : text;
                case TRAILING -> text + List.of("{\"x\":1}", " 7", "]", "}", "garbage", "\n", " ", m.token())
                                            .get(m.where() % 8);
                case TRUNCATE -> text.substring(0, at);
                case STRAY_CHARACTER -> text.substring(0, at) + STRAY.charAt(m.where() % STRAY.length()) + text.substring(at);
                case WRAP -> "[" + text + "]";
                default -> text;
            };
        }
        return text;
    }

    private static final String STRAY = "\u0000\u0001\u001f\"\\{}[],:\u2028\ud800\ufeff \n\t'x0-";

    private static String renamed(String name, Mutation m) {
        return switch (m.where() % 6) {
            case 0 -> name.toLowerCase(java.util.Locale.ROOT);
            case 1 -> name.toUpperCase(java.util.Locale.ROOT);
            case 2 -> name + "s";
            case 3 -> name.length() > 1 ? name.substring(1) : "_";
            case 4 -> name + "\u0000";
            default -> m.token().length() < 40 ? m.token().replace("\"", "") : "x";
        };
    }

    /** Every (object, field) of the tree, nested ones included, in a stable order. */
    private static List<Map.Entry<ObjectNode, String>> fields(JsonNode node) {
        List<Map.Entry<ObjectNode, String>> all = new ArrayList<>();
        if (node instanceof ObjectNode object) {
            for (Iterator<String> names = object.propertyNames().iterator(); names.hasNext(); ) {
                String name = names.next();
                all.add(Map.entry(object, name));
                all.addAll(fields(object.get(name)));
            }
        } else if (node != null && node.isArray()) {
            node.forEach(element -> all.addAll(fields(element)));
        }
        return all;
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
