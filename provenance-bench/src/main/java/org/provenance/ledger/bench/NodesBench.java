package org.provenance.ledger.bench;

import org.provenance.ledger.bench.run.Database;
import org.provenance.ledger.bench.run.LedgerClient;
import org.provenance.ledger.bench.run.Subprocess;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Several ledger nodes on one database (SPEC 14, docs/SCALING.md): for each node count asked for, a
 * fresh database, that many ledger processes on it (one key directory), and clients spread
 * round-robin over the nodes, as behind a load balancer. Measures single-call writes (extractions)
 * per second, then lot reads per second. Reads start once every node's read models cover the last
 * write (asked with {@code Ledger-Min-Position}), so they read what was written, wherever.
 * <pre>
 * java -jar provenance-bench/target/provenance-bench.jar nodes --nodes 1,2,3 [--clients 32] [--seconds 30]
 *      [--ledger-jar provenance-api/target/provenance-api.jar] [--jdbc-url URL] [--jdbc-user U]
 *      [--jdbc-password P] [--out target/bench-nodes]
 * </pre>
 * Writes {@code <out>/nodes.json} and prints a table. A benchmark: run it on an idle machine.
 */
final class NodesBench {

    static final String COMMAND = "nodes";

    private NodesBench() {
    }

    static int run(String[] args) throws Exception {
        List<Integer> counts = List.of(1, 2, 3);
        int clients = 32;
        Duration seconds = Duration.ofSeconds(30);
        Path jar = Path.of("provenance-api/target/provenance-api.jar");
        Path out = Path.of("target/bench-nodes");
        String url = "jdbc:postgresql://127.0.0.1:5432/postgres";
        String user = "postgres";
        String password = "";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--nodes" -> counts = java.util.Arrays.stream(args[++i].split(",")).map(String::trim)
                                                           .map(Integer::parseInt).toList();
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--ledger-jar" -> jar = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--jdbc-url" -> url = args[++i];
                case "--jdbc-user" -> user = args[++i];
                case "--jdbc-password" -> password = args[++i];
                default -> {
                    System.err.println("unknown option " + args[i] + "; see the NodesBench class comment");
                    return 2;
                }
            }
        }
        if (!Files.isRegularFile(jar)) {
            System.err.println(jar + " not found: build first (./mvnw -B -q -DskipTests package) or pass --ledger-jar");
            return 2;
        }
        Files.createDirectories(out);
        Database db = new Database(url, user, password);
        List<Map<String, Object>> results = new ArrayList<>();
        for (int nodes : counts) {
            results.add(measure(db, jar.toAbsolutePath(), out, nodes, clients, seconds));
        }
        StringBuilder table = new StringBuilder("nodes  clients  writes/s  reads/s\n");
        StringBuilder json = new StringBuilder("[\n");
        for (Map<String, Object> r : results) {
            table.append("%5s  %7s  %8.1f  %7.1f%n".formatted(r.get("nodes"), r.get("clients"), r.get("writesPerSecond"),
                                                           r.get("readsPerSecond")));
            json.append(json.length() > 2 ? ",\n" : "").append("  {");
            json.append(String.join(", ", r.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + e.getValue()).toList()));
            json.append("}");
        }
        json.append("\n]\n");
        Files.writeString(out.resolve("nodes.json"), json, StandardCharsets.UTF_8);
        System.out.print(table);
        return 0;
    }

    private static Map<String, Object> measure(Database db, Path jar, Path out, int nodes, int clients, Duration duration)
            throws Exception {
        String database = "bench_nodes_" + System.currentTimeMillis() + "_" + nodes;
        db.create(database);
        String secret = UUID.randomUUID().toString();
        Path keys = Files.createTempDirectory("bench-nodes-keys");
        List<Subprocess> processes = new ArrayList<>();
        List<LedgerClient> node = new ArrayList<>();
        try {
            for (int n = 0; n < nodes; n++) {
                int port = Subprocess.freePort();
                List<String> command = new ArrayList<>(List.of(Subprocess.java(), "-jar", jar.toString(),
                        "--server.port=" + port, "--spring.datasource.url=" + db.urlOf(database),
                        "--spring.datasource.username=" + db.user(), "--ledger.node-id=bench-node-" + n,
                        "--ledger.audit.key-dir=" + keys,
                        "--ledger.security.local-users.bench.password={noop}" + secret,
                        "--ledger.security.local-users.bench.roles=ADMIN,OPERATOR,COMPLIANCE,AUDITOR",
                        "--ledger.security.local-users.bench.facilities=*"));
                if (!db.password().isEmpty()) {
                    command.add("--spring.datasource.password=" + db.password());
                }
                processes.add(Subprocess.start("ledger-" + n, command, out.resolve("ledger-" + nodes + "-" + n + ".log"), port));
                node.add(LedgerClient.basic("http://127.0.0.1:" + port, "bench", secret));
            }
            for (int n = 0; n < nodes; n++) {
                processes.get(n).awaitReady(node.get(n), "/actuator/health/readiness", Duration.ofMinutes(3));
            }
            for (int c = 0; c < clients; c++) {
                LedgerClient.Response created = node.get(0).post("/api/facilities", """
                        {"id":"NB-MINE-%d","name":"Bench mine","kind":"MINE","country":"AU"}""".formatted(c));
                if (created.status() != 201) {
                    throw new IllegalStateException("facility: " + created.status() + " " + created.body());
                }
            }
            System.out.printf("> %d node(s): %d clients writing for %d s%n", nodes, clients, duration.toSeconds());
            ConcurrentLinkedQueue<String> lots = new ConcurrentLinkedQueue<>();
            AtomicLong head = new AtomicLong();
            AtomicLong failures = new AtomicLong();
            double writes = phase(clients, duration, (client, n) -> {
                String lot = "NB-" + client + "-" + n;
                LedgerClient.Response answer = node.get(client % nodes).post("/api/lots/extractions", """
                        {"lotId":"%s","mineId":"NB-MINE-%d","mineral":"REE","form":"ore","massKg":%d}"""
                        .formatted(lot, client, 1 + n % 97));
                if (answer.status() != 201) {
                    failures.incrementAndGet();
                    return false;
                }
                lots.add(lot);
                head.accumulateAndGet(answer.position(), Math::max);
                return true;
            });
            for (LedgerClient each : node) {
                LedgerClient.Response covered = each.get("/api/lots/NB-NO-SUCH-LOT",
                                                         Map.of("Ledger-Min-Position", Long.toString(head.get())));
                if (covered.status() != 404) {
                    throw new IllegalStateException("a node's read models did not reach " + head + ": " + covered.status());
                }
            }
            List<String> written = List.copyOf(lots);
            System.out.printf("> %d node(s): %d clients reading lots for %d s%n", nodes, clients, duration.toSeconds());
            double reads = phase(clients, duration, (client, n) -> {
                String lot = written.get(ThreadLocalRandom.current().nextInt(written.size()));
                LedgerClient.Response answer = node.get(client % nodes).get("/api/lots/" + lot);
                if (answer.status() != 200) {
                    failures.incrementAndGet();
                    return false;
                }
                return true;
            });
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("nodes", nodes);
            result.put("clients", clients);
            result.put("seconds", duration.toSeconds());
            result.put("writesPerSecond", writes);
            result.put("readsPerSecond", reads);
            result.put("failures", failures.get());
            return result;
        } finally {
            processes.forEach(Subprocess::close);
            db.drop(database);
        }
    }

    @FunctionalInterface
    private interface Call {
        boolean send(int client, int n) throws Exception;
    }

    /** Runs the call from every client for the duration; successful calls per second. */
    private static double phase(int clients, Duration duration, Call call) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                for (int n = 0; running.get(); n++) {
                    try {
                        if (call.send(client, n)) {
                            done.incrementAndGet();
                        }
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "nodes-bench-" + c);
            threads.add(thread);
        }
        long started = System.nanoTime();
        threads.forEach(Thread::start);
        Thread.sleep(duration.toMillis());
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        return done.get() / ((System.nanoTime() - started) / 1e9);
    }
}
