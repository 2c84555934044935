package org.provenance.ledger.api.fault;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.io.TempDir;
import org.provenance.ledger.api.fault.WriteLoad.Answer;
import org.provenance.ledger.api.fault.WriteLoad.Kind;
import org.provenance.ledger.api.fault.WriteLoad.Write;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.LedgerProcess;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC 10 at the process level: the ledger runs as its own operating-system process on a
 * PostgreSQL of this test's own, under sustained concurrent writes, and is killed with SIGKILL,
 * or loses its database for a while.
 * <p>
 * CI runs a short mode (one kill round, a few seconds of load, one short outage). A long run:
 * {@code -Dledger.fault.rounds=3 -Dledger.fault.seconds=30} (also {@code ledger.fault.clients},
 * default 8, and {@code ledger.fault.outage-seconds}, default 10: longer than a pool that
 * waits a few seconds for a connection before answering 503).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerFaultTest {

    private static final int ROUNDS = Integer.getInteger("ledger.fault.rounds", 1);
    private static final Duration LOAD = Duration.ofSeconds(Integer.getInteger("ledger.fault.seconds", 4));
    private static final int CLIENTS = Integer.getInteger("ledger.fault.clients", 8);
    private static final Duration OUTAGE = Duration.ofSeconds(Integer.getInteger("ledger.fault.outage-seconds", 10));
    /** Short, so that the holes crashed transactions leave in the positions are skipped quickly by the chain. */
    private static final Duration GAP_GRACE = Duration.ofSeconds(5);

    private static final String USER = "fault";
    private static final String PASSWORD = "fault-secret";
    private static final String BUYER = "FAULT-BUY-US";
    private static final ObjectMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    static Path work;

    private OwnPostgres postgres;
    private LedgerProcess ledger;
    private final List<String> mines = IntStream.range(0, CLIENTS).mapToObj(i -> "FAULT-MINE-" + i).toList();
    /** Every write the ledger acknowledged during the whole test, in any round. */
    private final List<Write> acknowledged = new ArrayList<>();

    @BeforeAll
    void startDatabaseAndLedger() {
        postgres = new OwnPostgres(work.resolve("postgres"));
        postgres.start();
        ledger = startLedger();
        Http http = client();
        for (String mine : mines) {
            assertCreated(http.post("/api/facilities", """
                    {"id":"%s","name":"Fault mine","kind":"MINE","country":"AU"}""".formatted(mine)));
        }
        assertCreated(http.post("/api/facilities", """
                {"id":"%s","name":"Fault buyer","kind":"BUYER","country":"US"}""".formatted(BUYER)));
    }

    @AfterAll
    void stopLedgerAndDatabase() {
        if (ledger != null) {
            ledger.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void kill_9_under_concurrent_writes_loses_no_acknowledged_write_and_doubles_nothing() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            WriteLoad load = new WriteLoad("K" + round, ledger.port(), USER, PASSWORD, mines, BUYER);
            load.start();
            pause(LOAD);
            ledger.kill();
            load.stop();
            assertThat(load.answers).as("answers before the kill").allMatch(a -> a.status() == -1 || a.status() / 100 == 2,
                                                                           "are 2xx (or none: the process was killed)");
            ledger = startLedger();
            checkAfterFault("kill -9 round " + round + "/" + ROUNDS, load);
        }
    }

    /**
     * The contract of issue 11: while the database is unreachable, clients are answered 503
     * problem+json with Retry-After, never 500 and never left waiting on a dead pool; when it
     * is back, the same ledger process takes writes again.
     */
    @Test
    @Order(2)
    void a_database_outage_is_answered_503_with_retry_after_and_the_same_process_recovers() throws Exception {
        long pid = ledger.pid();
        WriteLoad load = new WriteLoad("O", ledger.port(), USER, PASSWORD, mines, BUYER);
        load.start();
        pause(Duration.ofSeconds(2));
        postgres.stop();
        // The window in which the database is certainly down: after the stop completed, before the start began.
        Instant down = Instant.now();
        pause(OUTAGE);
        Instant up = Instant.now();
        postgres.start();
        Http http = client();
        int[] probe = {0};
        awaitTrue("the ledger takes writes again after the database came back", Duration.ofSeconds(120), () -> http.post(
                "/api/lots/extractions", """
                        {"lotId":"O-PROBE-%d","mineId":"%s","mineral":"REE","form":"ore","massKg":1}"""
                        .formatted(probe[0]++, mines.get(0))).status() == 201);
        pause(Duration.ofSeconds(2));
        load.stop();

        assertThat(ledger.isAlive()).as("the ledger process survived the outage").isTrue();
        assertThat(ledger.pid()).as("no restart").isEqualTo(pid);
        List<Answer> answers = List.copyOf(load.answers);
        // Sent and answered while the database was down. A request still waiting when it came back may
        // well succeed; one answered during the outage must have been told to come back later.
        List<Answer> duringOutage = answers.stream().filter(a -> a.sentAt().isAfter(down) && a.answeredAt().isBefore(up))
                                           .toList();
        System.out.printf("FAULT database outage: answers by status %s; sent and answered during the outage, by status %s%n",
                          byStatus(answers), byStatus(duringOutage));
        // Softly, so that a broken outage contract still shows whether the ledger lost or doubled anything.
        SoftAssertions contract = new SoftAssertions();
        contract.assertThat(answers.stream().filter(a -> a.status() >= 500 && a.status() != 503).map(this::describe))
                .as("5xx answers other than 503").isEmpty();
        contract.assertThat(answers.stream().filter(a -> a.status() == 503)
                                   .filter(a -> !a.contentType().startsWith("application/problem+json")
                                                || a.retryAfter() == null)
                                   .map(this::describe))
                .as("503 answers without problem+json or Retry-After").isEmpty();
        contract.assertThat(duringOutage).as("requests sent and answered while the database was down (none: clients "
                                             + "were kept waiting for the whole outage)").isNotEmpty();
        contract.assertThat(duringOutage.stream().filter(a -> a.status() != 503).map(this::describe))
                .as("requests answered during the outage with something else than 503").isEmpty();
        checkAfterFault("database outage of " + OUTAGE.toSeconds() + " s", load);
        contract.assertAll();
    }

    private static Map<Integer, Long> byStatus(List<Answer> answers) {
        return answers.stream().collect(java.util.stream.Collectors.groupingBy(Answer::status, java.util.TreeMap::new,
                                                                               java.util.stream.Collectors.counting()));
    }

    /**
     * What must hold after any fault: every acknowledged write is in the event table and readable
     * through the API, every write sent without an acknowledgement can be retried safely,
     * the read models count everything exactly once and the audit chain is intact.
     */
    private void checkAfterFault(String fault, WriteLoad load) throws Exception {
        List<Write> acknowledgedNow = List.copyOf(load.acknowledged);
        List<Write> unacknowledged = List.copyOf(load.unacknowledged);
        acknowledged.addAll(acknowledgedNow);

        Stored stored = stored();
        assertThat(acknowledged.stream().filter(w -> !stored.contains(w)).map(Write::id))
                .as("acknowledged writes missing from the event table").isEmpty();
        long unacknowledgedButCommitted = unacknowledged.stream().filter(stored::contains).count();

        awaitProjectionsCaughtUp();
        List<String> missingViaApi = readBack(acknowledged);
        assertThat(missingViaApi).as("acknowledged writes the API does not show as written").isEmpty();

        // A client that got no answer sends the same request again: it must be safe (SPEC 6).
        Http http = client();
        List<Write> retries = new ArrayList<>(unacknowledged);
        retries.sort(Comparator.comparing(Write::kind));
        for (Write write : retries) {
            Http.Response answer = http.post(write.path(), write.body());
            assertThat(answer.status()).as("retry of %s %s: %s", write.kind(), write.id(), answer.body()).isEqualTo(201);
            acknowledged.add(write);
        }

        awaitProjectionsCaughtUp();
        assertCountedOnce();
        long events = assertAuditIntact();
        System.out.printf("FAULT %s: %d writes acknowledged (%d extractions, %d transfers), %d of them found in the "
                          + "event table and %d via the API; %d writes sent without an acknowledgement, %d of which had "
                          + "committed, all %d retried with 2xx; %d acknowledged in all so far; %d events, chain intact%n",
                          fault, acknowledgedNow.size(), count(acknowledgedNow, Kind.EXTRACTION),
                          count(acknowledgedNow, Kind.TRANSFER),
                          acknowledgedNow.stream().filter(stored::contains).count(),
                          acknowledgedNow.size() - missingViaApi.size(), unacknowledged.size(),
                          unacknowledgedButCommitted, retries.size(), acknowledged.size(), events);
    }

    /** What the event table holds: lots extracted and transfers made (transfer id, how many events). */
    private record Stored(Set<String> extractedLots, Map<String, Integer> transfers) {
        boolean contains(Write write) {
            return write.kind() == Kind.EXTRACTION ? extractedLots.contains(write.lotId())
                                                   : transfers.containsKey(write.id());
        }
    }

    private Stored stored() throws SQLException {
        Set<String> lots = new HashSet<>();
        Map<String, Integer> transfers = new HashMap<>();
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("""
                    select substr(aggregate_identifier, 5) from domain_event_entry
                    where payload_type like '%.LotExtracted'""")) {
                while (rs.next()) {
                    lots.add(rs.getString(1));
                }
            }
            try (ResultSet rs = statement.executeQuery("""
                    select convert_from(payload, 'UTF8')::jsonb ->> 'transferId', count(*) from domain_event_entry
                    where payload_type like '%.LotTransferred' group by 1""")) {
                while (rs.next()) {
                    transfers.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return new Stored(lots, transfers);
    }

    /** Reads every write back through the API (in parallel: long runs acknowledge thousands). */
    private List<String> readBack(List<Write> writes) throws Exception {
        Http http = client();
        ConcurrentLinkedQueue<String> missing = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Write write : writes) {
                futures.add(pool.submit(() -> {
                    if (write.kind() == Kind.EXTRACTION) {
                        Http.Response lot = http.get("/api/lots/" + write.lotId());
                        if (lot.status() != 200 || lot.json().path("initialMassKg").decimalValue()
                                                     .compareTo(BigDecimal.valueOf(write.massKg())) != 0) {
                            missing.add(write.id() + " -> " + lot);
                        }
                    } else {
                        Http.Response transfer = http.get("/api/transfers/" + write.id());
                        if (transfer.status() != 200 || !write.lotId().equals(transfer.text("lotId"))) {
                            missing.add(write.id() + " -> " + transfer);
                        }
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        return List.copyOf(missing);
    }

    /**
     * Nothing counted twice: one read-model row per lot and per transfer event, no transfer
     * recorded twice, and each mine's mass balance equal to the sums of its events.
     */
    private void assertCountedOnce() throws SQLException {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            assertThat(single(statement, "select count(*) from lot_view"))
                    .as("lot rows vs lots extracted in the event table")
                    .isEqualTo(single(statement, "select count(*) from domain_event_entry where payload_type like '%.LotExtracted'"));
            assertThat(single(statement, "select count(*) from transfer_view"))
                    .as("transfer rows vs transfer events")
                    .isEqualTo(single(statement, "select count(*) from domain_event_entry where payload_type like '%.LotTransferred'"));
            assertThat(stored().transfers().entrySet().stream().filter(e -> e.getValue() != 1).map(Map.Entry::getKey))
                    .as("transfers recorded more than once").isEmpty();
            Http http = client();
            for (String mine : mines) {
                BigDecimal extracted = sum(statement, "LotExtracted", "mineId", mine);
                BigDecimal transferredOut = sum(statement, "LotTransferred", "fromFacilityId", mine);
                Http.Response balance = http.get("/api/facilities/" + mine + "/mass-balance");
                assertThat(balance.status()).as(balance.body()).isEqualTo(200);
                JsonNode line = line(balance.json(), "REE", "ore");
                assertThat(decimal(line, "extractedKg")).as(mine + " extracted (API) vs its events").isEqualByComparingTo(extracted);
                assertThat(decimal(line, "transferredOutKg")).as(mine + " transferred out (API) vs its events")
                                                             .isEqualByComparingTo(transferredOut);
            }
        }
    }

    private static BigDecimal sum(Statement statement, String eventType, String field, String facility) throws SQLException {
        try (ResultSet rs = statement.executeQuery("""
                select coalesce(sum((convert_from(payload, 'UTF8')::jsonb ->> 'massKg')::numeric), 0)
                from domain_event_entry
                where payload_type like '%%.%s' and convert_from(payload, 'UTF8')::jsonb ->> '%s' = '%s'"""
                .formatted(eventType, field, facility))) {
            rs.next();
            return rs.getBigDecimal(1);
        }
    }

    private static JsonNode line(JsonNode balance, String mineral, String form) {
        for (JsonNode line : balance.path("lines")) {
            if (mineral.equals(line.path("mineral").asString()) && form.equals(line.path("form").asString())) {
                return line;
            }
        }
        return JSON.nullNode();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        return node.path(field).isNumber() ? node.path(field).decimalValue() : BigDecimal.ZERO;
    }

    /** Waits until the chain covers every committed event, then requires it intact; returns the event count. */
    private long assertAuditIntact() throws SQLException {
        Http http = client();
        long head;
        long events;
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            head = single(statement, "select coalesce(max(global_index), 0) from domain_event_entry");
            events = single(statement, "select count(*) from domain_event_entry");
        }
        JsonNode[] report = new JsonNode[1];
        awaitTrue("the audit chain covers position " + head, GAP_GRACE.plusSeconds(90), () -> {
            Http.Response verify = http.get("/api/audit/verify");
            report[0] = verify.json();
            return verify.status() == 200 && verify.json().path("headPosition").asLong() >= head;
        });
        assertThat(report[0].path("intact").asBoolean()).as("audit verify: " + report[0]).isTrue();
        assertThat(report[0].path("checkedEvents").asLong()).as("audit verify: " + report[0]).isEqualTo(events);
        return events;
    }

    private void awaitProjectionsCaughtUp() {
        Http http = client();
        awaitTrue("the projections reach the event store's head", Duration.ofSeconds(120), () -> {
            Http.Response answer = http.get("/api/admin/projections");
            if (answer.status() != 200) {
                return false;
            }
            long head = answer.json().path("headPosition").asLong();
            for (JsonNode projection : answer.json().path("projections")) {
                if (projection.path("position").asLong() < head) {
                    return false;
                }
            }
            return true;
        });
    }

    private LedgerProcess startLedger() {
        return LedgerProcess.start(work.resolve("ledger"), work.resolve("ledger.log"), List.of(
                "--spring.datasource.url=" + postgres.url(),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--ledger.audit.key-dir=" + work.resolve("keys"),
                "--ledger.audit.gap-grace=" + GAP_GRACE.toSeconds() + "s",
                "--ledger.security.local-users." + USER + ".password={noop}" + PASSWORD,
                "--ledger.security.local-users." + USER + ".roles=ADMIN,OPERATOR,COMPLIANCE,AUDITOR",
                "--ledger.security.local-users." + USER + ".facilities=*"));
    }

    private Http client() {
        return new Http(ledger.port()).basic(USER, PASSWORD);
    }

    private String describe(Answer answer) {
        return answer.status() + " " + answer.contentType() + " Retry-After=" + answer.retryAfter() + " after "
               + Duration.between(answer.sentAt(), answer.answeredAt()).toMillis() + " ms: "
               + (answer.error() != null ? answer.error() : abbreviate(answer.body()));
    }

    private static String abbreviate(String body) {
        return body == null || body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }

    private static long count(List<Write> writes, Kind kind) {
        return writes.stream().filter(w -> w.kind() == kind).count();
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void assertCreated(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
        try {
            // the ledger may be refusing connections for a moment: that is what is being waited out
            Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                      .until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Timed out after " + timeout + " waiting for " + what + "\nledger log:\n"
                                     + ledger.logTail());
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
