package org.provenance.ledger.api.fault;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.LedgerProcess;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC 14: three ledger processes on one PostgreSQL (this test's own), started at the same moment on
 * a fresh database, so a fresh token store and a fresh key directory they share.
 * <ol>
 * <li>They come up without tripping over each other: one token row per segment, the ordered
 * {@code ledger} processor claimed by one node, the {@code ledger-edges} segments spread over all three.</li>
 * <li>Clients write to every node at once; half of them read each acknowledged write on ANOTHER node
 * with {@code Ledger-Min-Position}, the other half only write (so the kill finds writes in flight); half-way the node holding the {@code ledger} claim gets SIGKILL.
 * Then: every acknowledged write is stored, the unacknowledged ones retried answer 201, every read
 * after a write saw it, the read models count each event once, the dead node's segments moved to the
 * others, and the audit chain is intact.</li>
 * <li>A write whose transaction commits after later ones (a gap in the global positions that fills
 * late) neither stalls the projections for the later writes nor is skipped by them.</li>
 * <li>The killed node, started again, is handed its share of the segments back.</li>
 * </ol>
 * Short by default (CI, 2 cores): 6 clients, 2 x 5 s of load. Long: {@code -Dledger.nodes.seconds=60}
 * (per half), {@code -Dledger.nodes.clients=12}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeveralNodesTest {

    private static final int NODES = 3;
    private static final int CLIENTS = Integer.getInteger("ledger.nodes.clients", 6);
    private static final Duration HALF = Duration.ofSeconds(Integer.getInteger("ledger.nodes.seconds", 5));
    /** Shorter than the default 10 s, to keep the test short; the takeover works the same way. */
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(5);
    /** Longer than a takeover (claim timeout + claim interval + catching up), so reads wait through it. */
    private static final Duration READ_YOUR_WRITES = Duration.ofSeconds(25);
    private static final String USER = "nodes";
    private static final String PASSWORD = "nodes-secret";
    private static final String BUYER = "NODES-BUY-US";

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    static Path work;

    private OwnPostgres postgres;
    private final LedgerProcess[] nodes = new LedgerProcess[NODES];
    private final List<String> mines = IntStream.range(0, CLIENTS).mapToObj(i -> "NODES-MINE-" + i).toList();

    /** A write as sent; sending the same body again is an idempotent retry. */
    record Write(String id, String lotId, String mine, int massKg, String path, String body, String readPath) {
    }

    @BeforeAll
    void startDatabaseAndNodesAtOnce() throws Exception {
        postgres = new OwnPostgres(work.resolve("postgres"));
        postgres.start();
        List<CompletableFuture<LedgerProcess>> starting = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
            int node = n;
            starting.add(CompletableFuture.supplyAsync(() -> startNode(node)));
        }
        for (int n = 0; n < NODES; n++) {
            nodes[n] = starting.get(n).get(5, TimeUnit.MINUTES);
        }
        Http http = client(0);
        for (String mine : mines) {
            assertThat(http.post("/api/facilities", """
                    {"id":"%s","name":"Nodes mine","kind":"MINE","country":"AU"}""".formatted(mine)).status()).isEqualTo(201);
        }
        assertThat(http.post("/api/facilities", """
                {"id":"%s","name":"Nodes buyer","kind":"BUYER","country":"US"}""".formatted(BUYER)).status()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        for (LedgerProcess node : nodes) {
            if (node != null) {
                node.close();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void nodes_started_at_once_on_a_fresh_token_store_share_the_segments() throws Exception {
        Map<String, Integer> segments = rowsPerProcessor();
        assertThat(segments).as("token rows per processor").containsEntry("ledger", 1).containsEntry("ledger-edges", 6);
        Set<String> owners = Set.of(ownerId(0), ownerId(1), ownerId(2));
        awaitTrue("the edge segments spread over the three nodes, two each, and the ledger segment claimed",
                  Duration.ofSeconds(90), () -> {
                      Map<String, Long> perOwner = owners("ledger-edges");
                      return perOwner.keySet().equals(owners) && perOwner.values().stream().allMatch(c -> c == 2)
                             && owners.containsAll(owners("ledger").keySet()) && owners("ledger").size() == 1;
                  });
        for (int n = 0; n < NODES; n++) {
            Http.Response read = client(n).get("/api/lots/NODES-NO-SUCH-LOT");
            assertThat(read.status()).as("node " + n + " reads (a node without the ledger segment is not 'rebuilding')")
                                     .isEqualTo(404);
        }
    }

    @Test
    @Order(2)
    void kill_9_of_the_node_holding_the_ordered_projection_loses_nothing_and_its_segments_move() throws Exception {
        int victim = nodeHolding("ledger");
        String victimId = ownerId(victim);
        AtomicBoolean running = new AtomicBoolean(true);
        boolean[] alive = {true, true, true};
        ConcurrentLinkedQueue<Write> acknowledged = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Write> unacknowledged = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> missedReads = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> readsDone = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(pool.submit(() -> {
                for (int n = 0; running.get(); n++) {
                    String lotId = "NODES-C" + client + "-L" + n;
                    int massKg = 1 + (n * 7 + client) % 97;
                    Write extraction = new Write(lotId, lotId, mines.get(client), massKg, "/api/lots/extractions", """
                            {"lotId":"%s","mineId":"%s","mineral":"REE","form":"ore","massKg":%d}"""
                            .formatted(lotId, mines.get(client), massKg), "/api/lots/" + lotId);
                    if (!writeAndReadElsewhere(client + n, extraction, alive, acknowledged, unacknowledged, missedReads,
                                               readsDone)) {
                        continue;
                    }
                    String transferId = "NODES-C" + client + "-T" + n;
                    writeAndReadElsewhere(client + n + 1, new Write(transferId, lotId, mines.get(client), massKg,
                            "/api/transfers", """
                            {"id":"%s","lotId":"%s","fromFacilityId":"%s","toFacilityId":"%s"}"""
                            .formatted(transferId, lotId, mines.get(client), BUYER), "/api/transfers/" + transferId),
                                          alive, acknowledged, unacknowledged, missedReads, readsDone);
                }
            }));
        }
        pause(HALF);
        alive[victim] = false;
        nodes[victim].kill();
        long killedAt = System.nanoTime();
        awaitTrue("the dead node's claims taken over by the live nodes", CLAIM_TIMEOUT.plusSeconds(60), () -> {
            Map<String, Long> ledger = owners("ledger");
            Map<String, Long> edges = owners("ledger-edges");
            return ledger.size() == 1 && !ledger.containsKey(victimId) && !edges.containsKey(victimId)
                   && !edges.containsKey(null) && edges.values().stream().mapToLong(Long::longValue).sum() == 6;
        });
        System.out.printf("SeveralNodesTest: node %d's segments were taken over %d ms after kill -9 (claim timeout %d s)%n",
                          victim, Duration.ofNanos(System.nanoTime() - killedAt).toMillis(), CLAIM_TIMEOUT.toSeconds());
        pause(HALF);
        running.set(false);
        pool.shutdown();
        for (Future<?> client : clients) {
            client.get(3, TimeUnit.MINUTES);
        }
        int live = (victim + 1) % NODES;

        List<String> retries = new ArrayList<>();
        for (Write write : unacknowledged) {
            Http.Response retry = client(live).post(write.path(), write.body());
            if (retry.status() != 201) {
                retries.add(write.id() + ": " + retry);
            }
        }
        List<String> missing = new ArrayList<>();
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            Set<String> stored = new java.util.HashSet<>();
            try (ResultSet rs = statement.executeQuery("""
                    select coalesce(convert_from(payload, 'UTF8')::jsonb ->> 'transferId',
                                    convert_from(payload, 'UTF8')::jsonb ->> 'lotId')
                    from domain_event_entry where payload_type like '%.LotExtracted' or payload_type like '%.LotTransferred'""")) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
            acknowledged.stream().filter(w -> !stored.contains(w.id())).forEach(w -> missing.add(w.id()));
        }
        System.out.printf("SeveralNodesTest: %d writes acknowledged on %d nodes, %d unacknowledged (retried), "
                          + "%d reads on another node after a write%n", acknowledged.size(), NODES, unacknowledged.size(),
                          readsDone.size());
        assertThat(acknowledged).as("acknowledged writes").hasSizeGreaterThan(CLIENTS);
        assertThat(missing).as("acknowledged writes missing from the event table").isEmpty();
        assertThat(retries).as("retries of writes sent without an answer").isEmpty();
        assertThat(missedReads).as("reads on another node, with Ledger-Min-Position, that did not show the write")
                               .isEmpty();
        awaitTrue("the projections reach the head", Duration.ofSeconds(120), () -> caughtUp(live));
        assertCountedOnce(live);
        assertAuditIntact(live);
    }

    @Test
    @Order(3)
    void a_write_committed_after_later_ones_is_neither_waited_for_by_them_nor_skipped() throws Exception {
        int[] live = IntStream.range(0, NODES).filter(n -> nodes[n].isAlive()).toArray();
        int a = live[0];
        int b = live[1];
        try (Connection blocker = postgres.connect()) {
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                // Holds the registry key the late write will insert: its transaction has drawn its global
                // position when it appends, then waits here, uncommitted, while later writes commit.
                statement.execute("insert into request_registry (request_key, body_sha256, resource_id, position) "
                                  + "values ('extraction:NODES-LATE', '\\x00'::bytea, 'blocker', 0)");
            }
            CompletableFuture<Http.Response> late = CompletableFuture.supplyAsync(() -> client(a).post("/api/lots/extractions", """
                    {"lotId":"NODES-LATE","mineId":"%s","mineral":"REE","form":"ore","massKg":5}""".formatted(mines.get(0))));
            awaitTrue("the late write has drawn its position and waits", Duration.ofSeconds(30), () -> waitingOnLock());
            Http.Response after = client(b).post("/api/lots/extractions", """
                    {"lotId":"NODES-AFTER","mineId":"%s","mineral":"REE","form":"ore","massKg":6}""".formatted(mines.get(1)));
            assertThat(after.status()).as(after.body()).isEqualTo(201);
            long afterPosition = Long.parseLong(after.header("Ledger-Position"));
            assertThat(afterPosition).isEqualTo(after.json().path("position").asLong());
            Http.Response readAfter = client(a).withHeaders(Map.of("Ledger-Min-Position", Long.toString(afterPosition)))
                                               .get("/api/lots/NODES-AFTER");
            assertThat(readAfter.status()).as("a later write is readable while an earlier position is still open: "
                                              + readAfter.body()).isEqualTo(200);
            assertThat(late).as("the late write still waits").isNotDone();
            blocker.rollback();
            Http.Response lateAnswer = late.get(60, TimeUnit.SECONDS);
            assertThat(lateAnswer.status()).as(lateAnswer.body()).isEqualTo(201);
            long latePosition = lateAnswer.json().path("position").asLong();
            assertThat(latePosition).as("the late write's position is below the one committed before it")
                                    .isLessThan(afterPosition);
            Http.Response readLate = client(b).withHeaders(Map.of("Ledger-Min-Position", Long.toString(latePosition)))
                                              .get("/api/lots/NODES-LATE");
            assertThat(readLate.status()).as("the gap filled late is projected, not skipped: " + readLate.body())
                                         .isEqualTo(200);
            assertThat(readLate.json().path("remainingMassKg").decimalValue()).isEqualByComparingTo("5");
        }
        assertCountedOnce(a);
        assertAuditIntact(b);
    }

    @Test
    @Order(4)
    void a_node_that_joins_is_handed_its_share_of_the_segments() {
        int dead = IntStream.range(0, NODES).filter(n -> !nodes[n].isAlive()).findFirst().orElseThrow();
        nodes[dead] = startNode(dead);
        Set<String> owners = Set.of(ownerId(0), ownerId(1), ownerId(2));
        awaitTrue("the edge segments spread again over three nodes, two each", Duration.ofSeconds(90), () -> {
            Map<String, Long> perOwner = owners("ledger-edges");
            return perOwner.keySet().equals(owners) && perOwner.values().stream().allMatch(c -> c == 2);
        });
        Http.Response read = client(dead).withHeaders(Map.of("Ledger-Min-Position", Long.toString(head())))
                                         .get("/api/lots/NODES-LATE");
        assertThat(read.status()).as("the joined node reads everything written so far: " + read.body()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void a_malformed_min_position_is_refused() {
        int live = IntStream.range(0, NODES).filter(n -> nodes[n].isAlive()).findFirst().orElseThrow();
        Http.Response read = client(live).withHeaders(Map.of("Ledger-Min-Position", "soon")).get("/api/lots/NODES-AFTER");
        assertThat(read.status()).isEqualTo(400);
        assertThat(read.contentType()).startsWith("application/problem+json");
        assertThat(read.body()).contains("Ledger-Min-Position");
    }

    /**
     * Sends the write to one live node (round-robin, as a load balancer would); once acknowledged, reads
     * it on the next live node with the write's Ledger-Position. True when the write was acknowledged.
     */
    private boolean writeAndReadElsewhere(int turn, Write write, boolean[] alive, ConcurrentLinkedQueue<Write> acknowledged,
                                          ConcurrentLinkedQueue<Write> unacknowledged, ConcurrentLinkedQueue<String> missedReads,
                                          ConcurrentLinkedQueue<String> readsDone) {
        int writer = nextLive(turn, alive);
        Http.Response answer;
        try {
            answer = client(writer).post(write.path(), write.body());
        } catch (RuntimeException e) {
            unacknowledged.add(write);
            pause(Duration.ofMillis(100));
            return false;
        }
        if (answer.status() / 100 != 2) {
            unacknowledged.add(write);
            pause(Duration.ofMillis(answer.status() == 503 ? 500 : 100));
            return false;
        }
        acknowledged.add(write);
        String position = answer.header("Ledger-Position");
        if (position == null || !position.equals(Long.toString(answer.json().path("position").asLong()))) {
            missedReads.add(write.id() + ": Ledger-Position header " + position + " vs body " + answer.body());
            return true;
        }
        int reader = nextLive(writer + 1, alive);
        // half the clients only write, so that the kill finds writes in flight on the node it kills
        if (reader == writer || readless(write)) {
            return true;
        }
        try {
            Http.Response read = client(reader).withHeaders(Map.of("Ledger-Min-Position", position)).get(write.readPath());
            readsDone.add(write.id());
            if (read.status() != 200) {
                missedReads.add(write.id() + " at " + position + " on node " + reader + ": " + read);
            }
        } catch (RuntimeException e) {
            if (alive[reader]) {
                missedReads.add(write.id() + " on node " + reader + ": " + e);
            }
        }
        return true;
    }

    /** Writes of the odd-numbered clients (their lot ids say which client sent them) are not read back. */
    private static boolean readless(Write write) {
        String client = write.lotId().substring("NODES-C".length(), write.lotId().indexOf('-', "NODES-C".length()));
        return Integer.parseInt(client) % 2 == 1;
    }

    private static int nextLive(int from, boolean[] alive) {
        for (int i = 0; i < NODES; i++) {
            int n = Math.floorMod(from + i, NODES);
            if (alive[n]) {
                return n;
            }
        }
        throw new IllegalStateException("no live node");
    }

    private long head() {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            return single(statement, "select coalesce(max(global_index), 0) from domain_event_entry");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean waitingOnLock() {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     select count(*) from pg_stat_activity
                     where wait_event_type = 'Lock' and query like 'insert into request_registry%'""")) {
            rs.next();
            return rs.getLong(1) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Integer> rowsPerProcessor() throws SQLException {
        Map<String, Integer> rows = new HashMap<>();
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select processor_name, count(*) from token_entry group by processor_name")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getInt(2));
            }
        }
        return rows;
    }

    /** Segments per owner (null: unclaimed). */
    private Map<String, Long> owners(String processor) {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select owner from token_entry where processor_name = '" + processor + "'")) {
            List<String> owners = new ArrayList<>();
            while (rs.next()) {
                owners.add(rs.getString(1));
            }
            return owners.stream().collect(Collectors.groupingBy(o -> o == null ? "" : o, Collectors.counting()))
                         .entrySet().stream().collect(Collectors.toMap(e -> e.getKey().isEmpty() ? null : e.getKey(),
                                                                       Map.Entry::getValue, (x, y) -> x, HashMap::new));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int nodeHolding(String processor) {
        String owner = owners(processor).keySet().iterator().next();
        for (int n = 0; n < NODES; n++) {
            if (ownerId(n).equals(owner)) {
                return n;
            }
        }
        throw new IllegalStateException("no node owns " + processor + ": " + owner);
    }

    private String ownerId(int node) {
        return "node-" + node;
    }

    private boolean caughtUp(int node) {
        Http.Response answer = client(node).get("/api/admin/projections");
        if (answer.status() != 200) {
            return false;
        }
        long head = answer.json().path("headPosition").asLong();
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select coalesce(max(global_index), 0) from domain_event_entry")) {
            rs.next();
            head = Math.max(head, rs.getLong(1));
        } catch (SQLException e) {
            return false;
        }
        Http.Response read = client(node).withHeaders(Map.of("Ledger-Min-Position", Long.toString(head)))
                                         .get("/api/lots/NODES-NO-SUCH-LOT");
        return read.status() == 404;
    }

    /** Each event counted once: one row per lot and per transfer, and each mine's balance equal to its events. */
    private void assertCountedOnce(int node) throws SQLException {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            assertThat(single(statement, "select count(*) from lot_view"))
                    .as("lot rows vs extractions").isEqualTo(single(statement,
                            "select count(*) from domain_event_entry where payload_type like '%.LotExtracted'"));
            assertThat(single(statement, "select count(*) from transfer_view"))
                    .as("transfer rows vs transfer events").isEqualTo(single(statement,
                            "select count(*) from domain_event_entry where payload_type like '%.LotTransferred'"));
            for (String mine : mines) {
                Http.Response balance = client(node).get("/api/facilities/" + mine + "/mass-balance");
                assertThat(balance.status()).as(balance.body()).isEqualTo(200);
                JsonNode line = null;
                for (JsonNode l : balance.json().path("lines")) {
                    if ("REE".equals(l.path("mineral").asString()) && "ore".equals(l.path("form").asString())) {
                        line = l;
                    }
                }
                assertThat(line).as(mine + " balance " + balance.body()).isNotNull();
                assertThat(line.path("extractedKg").decimalValue()).as(mine + " extracted (API) vs events")
                        .isEqualByComparingTo(sum(statement, "LotExtracted", "mineId", mine));
                assertThat(line.path("transferredOutKg").decimalValue()).as(mine + " transferred out (API) vs events")
                        .isEqualByComparingTo(sum(statement, "LotTransferred", "fromFacilityId", mine));
            }
        }
    }

    private void assertAuditIntact(int node) throws SQLException {
        long head;
        long events;
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            head = single(statement, "select coalesce(max(global_index), 0) from domain_event_entry");
            events = single(statement, "select count(*) from domain_event_entry");
        }
        JsonNode[] report = new JsonNode[1];
        awaitTrue("the audit chain covers position " + head, Duration.ofSeconds(120), () -> {
            Http.Response verify = client(node).get("/api/audit/verify");
            report[0] = verify.json();
            return verify.status() == 200 && verify.json().path("headPosition").asLong() >= head;
        });
        assertThat(report[0].path("intact").asBoolean()).as("audit verify: " + report[0]).isTrue();
        assertThat(report[0].path("checkedEvents").asLong()).as("audit verify: " + report[0]).isEqualTo(events);
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

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private LedgerProcess startNode(int node) {
        return LedgerProcess.start(work.resolve("node-" + node), work.resolve("node-" + node + ".log"), List.of(
                "--spring.datasource.url=" + postgres.url(),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--ledger.node-id=" + ownerId(node),
                // one key directory for all nodes: they must seal and sign with the same keys
                "--ledger.audit.key-dir=" + work.resolve("keys"),
                "--ledger.audit.gap-grace=5s",
                "--ledger.read-your-writes-timeout=" + READ_YOUR_WRITES.toSeconds() + "s",
                "--axon.eventhandling.tokenstore.claim-timeout=" + CLAIM_TIMEOUT.toSeconds() + "s",
                "--ledger.security.local-users." + USER + ".password={noop}" + PASSWORD,
                "--ledger.security.local-users." + USER + ".roles=ADMIN,OPERATOR,COMPLIANCE,AUDITOR",
                "--ledger.security.local-users." + USER + ".facilities=*"));
    }

    private Http client(int node) {
        return new Http(nodes[node].port()).basic(USER, PASSWORD);
    }

    private void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
        try {
            Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                      .until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            StringBuilder logs = new StringBuilder();
            for (int n = 0; n < NODES; n++) {
                if (nodes[n] != null) {
                    logs.append("\n--- node ").append(n).append(" log:\n").append(nodes[n].logTail());
                }
            }
            throw new AssertionError("Timed out after " + timeout + " waiting for " + what + logs);
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
