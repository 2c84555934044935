package org.provenance.ledger.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import org.provenance.ledger.bench.gen.Chain;
import org.provenance.ledger.bench.gen.Op;
import org.provenance.ledger.bench.gen.SupplyChainGenerator;
import org.provenance.ledger.bench.run.BearerTokens;
import org.provenance.ledger.bench.run.CpuMeter;
import org.provenance.ledger.bench.run.PgActivitySampler;
import org.provenance.ledger.bench.run.Database;
import org.provenance.ledger.bench.run.Ingest;
import org.provenance.ledger.bench.run.LagSampler;
import org.provenance.ledger.bench.run.LedgerClient;
import org.provenance.ledger.bench.run.Progress;
import org.provenance.ledger.bench.run.RawInsert;
import org.provenance.ledger.bench.run.Posts;
import org.provenance.ledger.bench.run.Reads;
import org.provenance.ledger.bench.run.StoreCopies;
import org.provenance.ledger.bench.run.Subprocess;
import org.provenance.ledger.bench.run.Target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The benchmark of issue 8. Runs the ledger (provenance-api's jar) and the stock Axon comparator
 * (this jar, {@code stock-ledger}) as subprocesses on fresh databases of one PostgreSQL server,
 * loads a generated supply chain into them and measures: single-call ingest with 1, 8 and 32
 * clients (and the stock setup with 32), batch ingest, the raw batched-insert limit, lot reads,
 * a 10,000-ancestor lineage, a full replay and projection lag under sustained ingest. Writes
 * {@code <out>/bench.json} and prints a table.
 */
public final class Bench {

    static final String USAGE = """
            usage: java -jar provenance-bench/target/provenance-bench.jar [options]

              --seed N             generator seed (default 42): the same seed generates the same supply chain
              --scale X            workload size factor (default 1.0; 0.1 for a quick try). At 1.0 the lineage
                                   DAG has 10,824 ancestor lots; smaller scales shrink it
              --out DIR            where bench.json, bench.txt and the subprocesses' logs go (default target/bench)
              --jdbc-url URL       PostgreSQL server (a maintenance database URL), default
                                   jdbc:postgresql://127.0.0.1:5432/postgres. Fresh databases bench_<time>_<pid>_*
                                   are created there for each run and dropped at the end
              --jdbc-user U        default postgres
              --jdbc-password P    default empty
              --ledger-jar PATH    default provenance-api/target/provenance-api.jar
              --auth jwt|basic     how the benchmark authenticates to the ledger (default jwt: a bearer token from a
                                   stand-in issuer the ledger is configured to trust; basic: HTTP Basic for every
                                   phase). With jwt, one phase (single-8-basic) still measures HTTP Basic
              --repeats N          product/stock 32-client pairs, alternated (default 3; the median ratio is reported)
              --no-stock           skip the stock Axon comparator
              --jfr                record the ledger with Java Flight Recorder (<out>/ledger.jfr, profile settings)
              --ledger-jvm-arg A   an extra JVM argument for the ledger subprocess (repeatable)
              --keep-databases     do not drop the databases at the end (to inspect them)
              --replay-events N    the large-replay phase first fills the ledger's store to N events (copies of its
                                   lot and transformation events, written straight into domain_event_entry), waits
                                   for the projections to catch up, then replays them (default 1000000; 0 skips it)
              --read-clients N     clients of the concurrent lot-read phase (default 32)
            """;

    static final class Options {
        long seed = 42;
        double scale = 1.0;
        Path out = Path.of("target/bench");
        String jdbcUrl = "jdbc:postgresql://127.0.0.1:5432/postgres";
        String jdbcUser = "postgres";
        String jdbcPassword = "";
        Path ledgerJar = Path.of("provenance-api/target/provenance-api.jar");
        int repeats = 3;
        boolean stock = true;
        boolean jfr;
        boolean keepDatabases;
        boolean basicAuth;
        long replayEvents = 1_000_000;
        int readClients = 32;
        List<String> ledgerJvmArgs = new ArrayList<>();

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--seed" -> o.seed = Long.parseLong(args[++i]);
                    case "--scale" -> o.scale = Double.parseDouble(args[++i]);
                    case "--out" -> o.out = Path.of(args[++i]);
                    case "--jdbc-url" -> o.jdbcUrl = args[++i];
                    case "--jdbc-user" -> o.jdbcUser = args[++i];
                    case "--jdbc-password" -> o.jdbcPassword = args[++i];
                    case "--ledger-jar" -> o.ledgerJar = Path.of(args[++i]);
                    case "--repeats" -> o.repeats = Math.max(1, Integer.parseInt(args[++i]));
                    case "--no-stock" -> o.stock = false;
                    case "--jfr" -> o.jfr = true;
                    case "--ledger-jvm-arg" -> o.ledgerJvmArgs.add(args[++i]);
                    case "--keep-databases" -> o.keepDatabases = true;
                    case "--replay-events" -> o.replayEvents = Long.parseLong(args[++i]);
                    case "--read-clients" -> o.readClients = Math.max(1, Integer.parseInt(args[++i]));
                    case "--auth" -> {
                        String mode = args[++i];
                        if (!mode.equals("jwt") && !mode.equals("basic")) {
                            throw new IllegalArgumentException("--auth is jwt or basic");
                        }
                        o.basicAuth = mode.equals("basic");
                    }
                    case "--help", "-h" -> {
                        return null;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
                }
            }
            if (o.scale <= 0) {
                throw new IllegalArgumentException("--scale must be positive");
            }
            return o;
        }
    }

    private static final ObjectMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(tools.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    private final Options o;
    private final Database db;
    private final Map<String, Object> report = new LinkedHashMap<>();
    private final Map<String, Object> phases = new LinkedHashMap<>();
    private final List<String> databases = new ArrayList<>();
    private final List<Subprocess> processes = Collections.synchronizedList(new ArrayList<>());
    private Target productBasic;

    private Bench(Options o) {
        this.o = o;
        this.db = new Database(o.jdbcUrl, o.jdbcUser, o.jdbcPassword);
    }

    public static int run(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (options == null) {
            System.out.print(USAGE);
            return 0;
        }
        Bench bench = new Bench(options);
        Thread cleanup = new Thread(bench::cleanUp, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            bench.execute(args);
            return 0;
        } catch (Exception e) {
            System.err.println("benchmark failed: " + e);
            e.printStackTrace();
            return 1;
        } finally {
            bench.cleanUp();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException ignored) {
                // shutting down already
            }
        }
    }

    private synchronized void cleanUp() {
        synchronized (processes) {
            processes.forEach(Subprocess::close);
            processes.clear();
        }
        if (!o.keepDatabases) {
            databases.forEach(db::drop);
        } else if (!databases.isEmpty()) {
            Progress.say("kept databases %s", databases);
        }
        databases.clear();
    }

    private void execute(String[] args) throws Exception {
        Files.createDirectories(o.out);
        Path ledgerJar = o.ledgerJar.toAbsolutePath();
        if (!Files.isRegularFile(ledgerJar)) {
            throw new IllegalStateException(ledgerJar + " not found: build first (mvn -B -q -DskipTests package) or pass --ledger-jar");
        }
        Path benchJar = Path.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0]).toAbsolutePath();
        Instant startedAt = Instant.now();
        report.put("benchmark", "Provenance Ledger, issue 8");
        report.put("date", startedAt.toString());
        report.put("command", "java -jar provenance-bench/target/provenance-bench.jar " + String.join(" ", args));
        report.put("seed", o.seed);
        report.put("scale", o.scale);
        report.put("machine", machine());
        report.put("auth", o.basicAuth ? "HTTP Basic ({noop} password)" : "Bearer JWT (RS256) from a stand-in issuer; HTTP Basic in single-8-basic");
        Progress.say("Provenance Ledger benchmark, seed %d, scale %s, %s", o.seed, o.scale, startedAt);
        Progress.say("machine: %s", report.get("machine"));

        // The workload: each phase takes its own range of chains.
        SupplyChainGenerator gen = new SupplyChainGenerator(o.seed);
        int[] next = {0};
        java.util.function.IntFunction<List<Chain>> take = n -> {
            List<Chain> chains = gen.chains(next[0], Math.max(1, n));
            next[0] += Math.max(1, n);
            return chains;
        };
        List<Chain> single1 = take.apply(n(20));
        List<Chain> single8 = take.apply(n(80));
        List<Chain> single8Basic = o.basicAuth ? List.of() : take.apply(n(8));
        List<List<Chain>> single32 = new ArrayList<>();
        for (int r = 0; r < o.repeats; r++) {
            single32.add(take.apply(n(60)));
        }
        List<Chain> batch1 = take.apply(n(120));
        List<Chain> batch4 = take.apply(n(120));
        List<Chain> lag = take.apply(n(100));
        SupplyChainGenerator.Dag dag = gen.dag(Math.max(1, (int) Math.round(512 * o.scale)));
        List<List<Chain>> setup = setupWaves(gen.setup());
        Map<String, Object> workload = new LinkedHashMap<>();
        workload.put("facilities", gen.facilities().size());
        workload.put("mines", SupplyChainGenerator.MINES);
        workload.put("processors", SupplyChainGenerator.PROCESSORS);
        workload.put("traders", SupplyChainGenerator.TRADERS);
        workload.put("buyers", SupplyChainGenerator.BUYERS);
        workload.put("setupWrites", gen.setup().size());
        workload.put("chainsGenerated", next[0]);
        List<Chain> all = gen.chains(0, next[0]);
        workload.put("avgWritesPerChain", Ingest.round(all.stream().mapToInt(c -> c.ops().size()).average().orElse(0)));
        workload.put("avgEventsPerChain", Ingest.round(all.stream().mapToInt(Chain::expectedEvents).average().orElse(0)));
        workload.put("maxStages", all.stream().mapToInt(Chain::stages).max().orElse(0));
        workload.put("maxBlendInputs", all.stream().mapToInt(Chain::maxInputs).max().orElse(0));
        workload.put("dagAncestorLots", dag.ancestorLots());
        workload.put("dagDepth", dag.depth());
        workload.put("dagWrites", dag.waves().stream().flatMap(List::stream).mapToInt(c -> c.ops().size()).sum());
        workload.put("dagEvents", dag.waves().stream().flatMap(List::stream).mapToInt(Chain::expectedEvents).sum());
        report.put("workload", workload);
        report.put("phases", phases);
        Progress.say("workload: %s", workload);

        // Fresh databases, the ledger and the stock comparator.
        String prefix = "bench_" + DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC).format(startedAt)
                + "_" + ProcessHandle.current().pid();
        String ledgerDb = prefix + "_ledger";
        String stockDb = prefix + "_stock";
        String rawDb = prefix + "_raw";
        for (String name : o.stock ? List.of(ledgerDb, stockDb, rawDb) : List.of(ledgerDb, rawDb)) {
            db.create(name);
            databases.add(name);
        }
        Progress.say("databases: %s on %s", databases, o.jdbcUrl);
        Target product = startProduct(ledgerJar, ledgerDb);
        Target stock = o.stock ? startStock(benchJar, stockDb) : null;
        Progress.say("waiting for the ledger%s to start", stock == null ? "" : " and the stock comparator");
        product.process().awaitReady(product.client(), "/actuator/health", Duration.ofMinutes(3));
        if (stock != null) {
            stock.process().awaitReady(stock.client(), "/stock/processors/ledger", Duration.ofMinutes(3));
        }
        Progress.say("ledger on %s (pid %d)%s", product.client().base(), product.process().pid(),
                     stock == null ? "" : ", stock comparator on " + stock.client().base() + " (pid " + stock.process().pid() + ")");

        phases.put("setup", Ingest.single("setup", product, setup, 8, null));
        product.awaitProjections(Duration.ofMinutes(5));
        long setupHead = maxIndex(ledgerDb);
        if (stock != null) {
            phases.put("stock-setup", Ingest.single("stock-setup", stock, setup, 8, null));
            stock.awaitProjections(Duration.ofMinutes(5));
        }

        // (a) single calls with 1, 8 and 32 clients; 3) the stock comparator with 32, alternated.
        single(product, "single-1", List.of(single1), 1);
        single(product, "single-8", List.of(single8), 8);
        if (stock != null) {
            // The stock setup on the same chains: a data point at 8 clients, and its JVM warmed up like the ledger's.
            single(stock, "stock-single-8", List.of(single8), 8);
        }
        if (!o.basicAuth) {
            // The same ingest with HTTP Basic: the ledger then checks a BCrypt hash per request.
            single(productBasic, "single-8-basic", List.of(single8Basic), 8);
        }
        List<Double> ratios = new ArrayList<>();
        List<Double> productRates = new ArrayList<>();
        List<Double> stockRates = new ArrayList<>();
        for (int r = 0; r < o.repeats; r++) {
            String suffix = o.repeats > 1 ? "#" + (r + 1) : "";
            Map<String, Object> p = single(product, "single-32" + suffix, List.of(single32.get(r)), 32);
            productRates.add((Double) p.get("eventsPerSecond"));
            if (stock != null) {
                Map<String, Object> s = single(stock, "stock-single-32" + suffix, List.of(single32.get(r)), 32);
                stockRates.add((Double) s.get("eventsPerSecond"));
                ratios.add(productRates.get(r) / stockRates.get(r));
            }
        }
        if (stock != null) {
            stock.process().close();
        }

        // (b) batches.
        Map<String, Object> b1 = Ingest.batches("batch-1", product, List.of(batch1), 1, 1000);
        phases.put("batch-1", b1);
        boolean batchesAvailable = Boolean.TRUE.equals(b1.get("available"));
        if (batchesAvailable) {
            b1.put("projectionsCatchUpSeconds", Ingest.round(product.awaitProjections(Duration.ofMinutes(10))));
            Map<String, Object> b4 = Ingest.batches("batch-4", product, List.of(batch4), 4, 1000);
            phases.put("batch-4", b4);
            b4.put("projectionsCatchUpSeconds", Ingest.round(product.awaitProjections(Duration.ofMinutes(10))));
        }

        // (c) the raw limit, with the rows the ingest phases appended.
        List<RawInsert.Row> rows = RawInsert.read(db, ledgerDb, setupHead);
        Map<String, Object> rawRows = RawInsert.sizes(rows);
        Progress.say("raw rows: %s", rawRows);
        Map<String, Object> raw1 = RawInsert.median("raw-1", db, rawDb, rows, 1, 500, false, 3);
        raw1.put("rowsCopied", rawRows);
        phases.put("raw-1", raw1);
        phases.put("raw-4", RawInsert.median("raw-4", db, rawDb, rows, 4, 500, false, 3));
        phases.put("raw-1-rewrite", RawInsert.median("raw-1-rewrite", db, rawDb, rows, 1, 500, true, 3));
        rows = null;

        // (g) projection lag while 8 clients ingest.
        ConcurrentLinkedQueue<Ingest.Receipt> receipts = new ConcurrentLinkedQueue<>();
        Map<String, Object> lagResult;
        try (LagSampler sampler = LagSampler.start(product, 50)) {
            long from = System.nanoTime();
            lagResult = Ingest.single("lag-8", product, List.of(lag), 8, receipts::add);
            long until = System.nanoTime();
            lagResult.put("projectionsCatchUpSeconds", Ingest.round(product.awaitProjections(Duration.ofMinutes(10))));
            Thread.sleep(100);
            lagResult.put("lag", sampler.summary(new ArrayList<>(receipts), from, until));
        }
        phases.put("lag-8", lagResult);
        Progress.say("< lag-8: %s", lagResult.get("lag"));

        // (e) the deep DAG, through batches when the ledger has them.
        Map<String, Object> dagLoad = batchesAvailable
                ? Ingest.batches("dag-load", product, dag.waves(), 4, 1000)
                : Ingest.single("dag-load", product, dag.waves(), 8, null);
        dagLoad.put("projectionsCatchUpSeconds", Ingest.round(product.awaitProjections(Duration.ofMinutes(15))));
        phases.put("dag-load", dagLoad);

        // (d) GET /api/lots/{id} for the deepest lots, and for the DAG's root.
        List<Chain> ingested = new ArrayList<>(single1);
        ingested.addAll(single8);
        single32.forEach(ingested::addAll);
        ingested.addAll(lag);
        if (batchesAvailable) {
            ingested.addAll(batch1);
            ingested.addAll(batch4);
        }
        List<String> deep = ingested.stream().filter(c -> c.stages() >= 6).map(c -> "/api/lots/" + c.lastLotId())
                                    .limit(200).toList();
        if (deep.isEmpty()) {
            deep = ingested.stream().map(c -> "/api/lots/" + c.lastLotId()).limit(200).toList();
        }
        Map<String, Object> lotReads = Reads.latency("lot-deep", product, deep, 500, 3000);
        lotReads.put("lots", "the last lots of chains 6 to 8 stages deep");
        phases.put("lot-deep", lotReads);
        Map<String, Object> concurrentReads = Reads.concurrent("lot-deep-" + o.readClients, product, deep,
                                                               o.readClients, 2000, 20000);
        concurrentReads.put("lots", "the last lots of chains 6 to 8 stages deep, as lot-deep");
        phases.put("lot-deep-" + o.readClients, concurrentReads);
        Map<String, Object> rootReads = Reads.latency("lot-dag-root", product, List.of("/api/lots/" + dag.rootLotId()),
                                                      200, 1000);
        rootReads.put("ancestorLots", dag.ancestorLots());
        phases.put("lot-dag-root", rootReads);

        // (e) upstream lineage of the DAG's root.
        String lineagePath = "/api/lots/" + dag.rootLotId() + "/lineage?direction=upstream";
        LedgerClient.Response once = product.client().get(lineagePath);
        JsonNode lineage = new ObjectMapper().readTree(once.body());
        Map<String, Object> lineageReads = Reads.latency("lineage", product, List.of(lineagePath), 3, 30);
        lineageReads.put("ancestorLotsReturned", lineage.path("lots").size() - 1);
        lineageReads.put("transformationsReturned", lineage.path("transformations").size());
        lineageReads.put("transfersReturned", lineage.path("transfers").size());
        phases.put("lineage", lineageReads);

        // (e) procurement at the scale of a part (SPEC 13): a check of up to 1,000 lots, and a what-if.
        phases.putAll(procurement(product, ingested));

        // (g) a correction of the facility every DAG blend went through (SPEC 12): the bounded recompute of
        // its downstream lots and the re-evaluation of their purchases, from the POST to the recall report.
        phases.put("correction", correction(product, dag.blenderId()));

        // (f) full replay (with the correction in the history).
        phases.put("replay", replay(product, ledgerDb));

        // (h) a large store: filled straight in Axon's format, caught up with, then replayed.
        if (o.replayEvents > 0) {
            Map<String, Object> fill = StoreCopies.fill(db, ledgerDb, o.replayEvents);
            long caughtUpFrom = System.nanoTime();
            double catchUp = product.awaitProjections(Duration.ofMinutes(120));
            fill.put("projectionsCatchUpSeconds", Ingest.round(catchUp));
            long appended = ((Number) fill.get("eventsAfter")).longValue() - ((Number) fill.get("eventsBefore")).longValue();
            fill.put("catchUpEventsPerSecond", Ingest.round(appended / Math.max(1e-9, (System.nanoTime() - caughtUpFrom) / 1e9)));
            phases.put("store-fill", fill);
            Map<String, Object> large = replay(product, ledgerDb);
            large.put("storeBytes", db.queryLong(ledgerDb, "select pg_total_relation_size('domain_event_entry')"));
            phases.put("replay-large", large);
        }

        product.process().close();
        report.put("ratios", ratios(productRates, stockRates, ratios, batchesAvailable));
        report.put("targets", targets(batchesAvailable));
        report.put("finishedAt", Instant.now().toString());
        report.put("loadAverageAtEnd", loadAverage());

        Files.writeString(o.out.resolve("bench.json"), JSON.writeValueAsString(report));
        String table = Table.render(report);
        Files.writeString(o.out.resolve("bench.txt"), table);
        System.out.println();
        System.out.print(table);
        Progress.say("results: %s, %s; logs: %s", o.out.resolve("bench.json"), o.out.resolve("bench.txt"),
                     o.out.toAbsolutePath());
    }

    /**
     * POST /api/checks with up to 1,000 distinct lots of the ingested chains (DFARS, dated after the
     * 2027 switch so both phases are evaluated), and POST /api/what-if with Mexico leaving the bloc
     * and an Estonian processor found to be owned from China.
     */
    private Map<String, Object> procurement(Target product, List<Chain> ingested) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        // the deepest lot of every chain first, then the chains' other lots (ores, intermediates)
        java.util.LinkedHashSet<String> named = new java.util.LinkedHashSet<>();
        ingested.forEach(c -> named.add(c.lastLotId()));
        ObjectMapper reader = new ObjectMapper();
        for (Chain c : ingested) {
            for (Op op : c.ops()) {
                JsonNode body = reader.readTree(op.json());
                if (body.path("lotId").isString() && !"transfer".equals(op.kind())) {
                    named.add(body.path("lotId").asString());
                }
                body.path("outputs").forEach(out -> named.add(out.path("lotId").asString()));
            }
        }
        List<String> lots = named.stream().limit(1000).toList();
        StringBuilder items = new StringBuilder();
        for (String lot : lots) {
            items.append(items.isEmpty() ? "" : ",").append("{\"lotId\":\"").append(lot).append("\"}");
        }
        String check = "{\"policy\":\"DFARS_252_225_7052\",\"asOf\":\"2026-12-15T00:00:00Z\","
                + "\"reference\":\"bench part\",\"items\":[" + items + "]}";
        // Each check records an event; its receipt is read back (untimed) before the next check, so the
        // next one does not wait for the projections to take the previous one (read-your-writes).
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Object> part = Posts.latency("part-check", product, "/api/checks", check, 2, 10,
                answer -> "/api/checks/" + mapper.readTree(answer).path("check").path("checkId").asString());
        part.put("lots", lots.size());
        result.put("part-check", part);
        String whatIf = ("{\"blocChanges\":[{\"blocId\":\"%s\",\"country\":\"MX\",\"change\":\"LEAVE\","
                + "\"effectiveFrom\":\"2026-06-01T00:00:00Z\"}],\"facilityCorrections\":[{\"facilityId\":\"PROC-EE-06\","
                + "\"ownerCountry\":\"CN\",\"effectiveFrom\":\"2026-01-01T00:00:00Z\"}]}")
                .formatted(org.provenance.ledger.bench.gen.SupplyChainGenerator.BLOC);
        LedgerClient.Response once = product.client().post("/api/what-if", whatIf);
        Map<String, Object> what = Posts.latency("what-if", product, "/api/what-if", whatIf, 1, 3, null);
        if (once.status() == 200) {
            JsonNode answer = new ObjectMapper().readTree(once.body());
            what.put("purchasesEvaluated", answer.path("purchasesEvaluated").asInt());
            what.put("purchasesChanged", answer.path("purchases").size());
            what.put("lotsEvaluated", answer.path("lotsEvaluated").asInt());
            what.put("verdictsChanged", answer.path("lots").size());
        }
        result.put("what-if", what);
        return result;
    }

    /**
     * POST /api/facilities/{id}/corrections, then GET /api/corrections/{id} until the recall report is
     * complete (202 with progress while the projection recomputes; a 503 when the read waited too long).
     */
    private Map<String, Object> correction(Target product, String facilityId) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        String id = "BENCH-CORR-" + Long.toHexString(System.nanoTime());
        String body = ("{\"id\":\"%s\",\"effectiveFrom\":\"2000-01-01T00:00:00Z\",\"ownerCountry\":\"CN\","
                + "\"reason\":\"bench: the DAG's blender found owned from China\"}").formatted(id);
        long start = System.nanoTime();
        LedgerClient.Response posted = product.client().post("/api/facilities/" + facilityId + "/corrections", body);
        result.put("facilityId", facilityId);
        result.put("postStatus", posted.status());
        result.put("postMillis", Ingest.round((System.nanoTime() - start) / 1e6));
        JsonNode report = null;
        int polls = 0;
        while (posted.status() == 201 && System.nanoTime() - start < Duration.ofMinutes(30).toNanos()) {
            LedgerClient.Response got = product.client().get("/api/corrections/" + id);
            polls++;
            if (got.status() == 200) {
                report = new ObjectMapper().readTree(got.body());
                break;
            }
            Thread.sleep(100);
        }
        result.put("seconds", Ingest.round((System.nanoTime() - start) / 1e9));
        result.put("polls", polls);
        if (report != null) {
            result.put("lotsRecomputed", report.path("lotsRecomputed").asInt());
            result.put("lotsChanged", report.path("lotsChanged").asInt());
            result.put("purchasesEvaluated", report.path("purchasesEvaluated").asInt());
            result.put("flagsRaised", report.path("flagsRaised").size());
            result.put("flagsWithdrawn", report.path("flagsWithdrawn").size());
        }
        Progress.say("< correction: %s", result);
        return result;
    }

    private int n(int base) {
        return Math.max(1, (int) Math.round(base * o.scale));
    }

    private Map<String, Object> single(Target target, String phase, List<List<Chain>> waves, int clients) throws Exception {
        Map<String, Object> r = Ingest.single(phase, target, waves, clients, null);
        r.put("projectionsCatchUpSeconds", Ingest.round(target.awaitProjections(Duration.ofMinutes(10))));
        phases.put(phase, r);
        return r;
    }

    /** Facilities and the bloc first (independent writes), then the bloc's members and floors. */
    private static List<List<Chain>> setupWaves(List<Op> ops) {
        List<Chain> first = new ArrayList<>();
        List<Chain> second = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            Chain one = new Chain("setup-" + i, List.of(op), 0, 0, null, 1);
            (op.kind().equals("admission") || op.kind().equals("price-floor") ? second : first).add(one);
        }
        return List.of(first, second);
    }

    private Target startProduct(Path jar, String database) throws IOException {
        int port = Subprocess.freePort();
        String password = UUID.randomUUID().toString();
        Path keys = Files.createTempDirectory("bench-ledger-keys");
        BearerTokens issuer = new BearerTokens();
        Path issuerKey = issuer.writePublicKey(keys);
        List<String> command = new ArrayList<>();
        command.add(Subprocess.java());
        command.addAll(o.ledgerJvmArgs);
        if (o.jfr) {
            command.add("-XX:FlightRecorderOptions=stackdepth=256");
            command.add("-XX:StartFlightRecording=filename=" + o.out.toAbsolutePath().resolve("ledger.jfr")
                                + ",settings=profile,dumponexit=true");
        }
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port,
                               "--spring.datasource.url=" + db.urlOf(database),
                               "--spring.datasource.username=" + db.user(),
                               "--ledger.security.local-users.bench.password={noop}" + password,
                               "--ledger.security.local-users.bench.roles=ADMIN,OPERATOR,COMPLIANCE,AUDITOR",
                               "--ledger.security.local-users.bench.facilities=*",
                               "--ledger.audit.key-dir=" + keys,
                               "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + issuerKey));
        if (!db.password().isEmpty()) {
            command.add("--spring.datasource.password=" + db.password());
        }
        Subprocess process = Subprocess.start("ledger", command, o.out.resolve("ledger.log"), port);
        processes.add(process);
        String base = "http://127.0.0.1:" + port;
        LedgerClient basic = LedgerClient.basic(base, "bench", password);
        LedgerClient bearer = LedgerClient.bearer(base, issuer.token("bench", List.of("ADMIN", "OPERATOR", "COMPLIANCE",
                                                                                     "AUDITOR"), List.of("*")));
        Target target = new Target("ledger", false, process, o.basicAuth ? basic : bearer, db, database);
        productBasic = target.with("ledger (HTTP Basic)", basic);
        return target;
    }

    private Target startStock(Path benchJar, String database) throws IOException {
        int port = Subprocess.freePort();
        List<String> command = new ArrayList<>(List.of(Subprocess.java(), "-jar", benchJar.toString(), BenchMain.STOCK,
                                                       "--server.port=" + port,
                                                       "--spring.datasource.url=" + db.urlOf(database),
                                                       "--spring.datasource.username=" + db.user()));
        if (!db.password().isEmpty()) {
            command.add("--spring.datasource.password=" + db.password());
        }
        Subprocess process = Subprocess.start("stock", command, o.out.resolve("stock-ledger.log"), port);
        processes.add(process);
        return new Target("stock-axon", true, process, LedgerClient.basic("http://127.0.0.1:" + port, "bench", "unused"),
                          db, database);
    }

    private Map<String, Object> replay(Target product, String database) throws Exception {
        long events = product.events();
        Progress.say("> replay: rebuilding every projection from %d events", events);
        CpuMeter cpu = CpuMeter.start(product.process(), db, database);
        PgActivitySampler pg = PgActivitySampler.start(db, database);
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        LedgerClient.Response response = product.client().post("/api/admin/projections/ledger/replay", "{}");
        if (response.status() != 202) {
            throw new IllegalStateException("replay answered " + response.status() + ": " + response.body());
        }
        double[] progress = {0};
        Target.Status status;
        try (Progress p = Progress.track("replay", 1000, "permille", () -> (long) (progress[0] * 1000), null)) {
            while (true) {
                status = product.status();
                progress[0] = status.replayProgress();
                if (status.replayDone()) {
                    break;
                }
                if (System.nanoTime() - started > Duration.ofMinutes(30).toNanos()) {
                    throw new IllegalStateException("replay not done after 30 minutes");
                }
                Thread.sleep(100);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("startedAt", startedAt.toString());
        r.put("endedAt", Instant.now().toString());
        r.put("events", events);
        r.put("seconds", Ingest.round(seconds));
        r.put("eventsPerSecond", Ingest.round(events / seconds));
        r.put("pollIntervalMs", 100);
        r.put("cpu", cpu.stop());
        pg.close();
        r.put("postgres", pg.summary());
        Progress.say("< replay: %d events in %.1f s = %.0f events/s", events, seconds, events / seconds);
        return r;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> ratios(List<Double> product32, List<Double> stock32, List<Double> ratios,
                                       boolean batches) {
        Map<String, Object> r = new LinkedHashMap<>();
        if (!ratios.isEmpty()) {
            r.put("single32OverStock32", Ingest.round(median(ratios)));
            r.put("single32OverStock32Each", ratios.stream().map(Ingest::round).toList());
            r.put("single32EventsPerSecondMedian", Ingest.round(median(product32)));
            r.put("stock32EventsPerSecondMedian", Ingest.round(median(stock32)));
        }
        if (phases.containsKey("stock-single-8")) {
            r.put("single8OverStock8", ratio(rate("single-8") / rate("stock-single-8")));
        }
        double raw1 = rate("raw-1");
        double raw4 = rate("raw-4");
        double rawBest = Math.max(raw1, raw4);
        r.put("rawBestEventsPerSecond", rawBest);
        for (String phase : List.of("single-1", "single-8")) {
            r.put(phase + "OverRawBest", ratio(rate(phase) / rawBest));
        }
        r.put("single-32OverRawBest", ratio(median(product32) / rawBest));
        if (batches) {
            r.put("batch-1OverRaw-1", ratio(rate("batch-1") / raw1));
            r.put("batch-4OverRaw-4", ratio(rate("batch-4") / raw4));
            r.put("batchBestOverRawBest", ratio(Math.max(rate("batch-1"), rate("batch-4")) / rawBest));
        } else {
            r.put("batchOverRaw", "unavailable: the ledger has no POST /api/batches");
        }
        return r;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> targets(boolean batches) {
        Map<String, Object> ratios = (Map<String, Object>) report.get("ratios");
        List<Map<String, Object>> t = new ArrayList<>();
        if (batches) {
            double ratio = ((Number) ratios.get("batchBestOverRawBest")).doubleValue();
            t.add(target("bulk ingestion >= 50% of the raw batched-insert rate", "batches / raw (best of each)",
                         ratio, 0.5, true, "%.0f%% of raw".formatted(ratio * 100)));
        } else {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", "bulk ingestion >= 50% of the raw batched-insert rate");
            m.put("status", "unavailable");
            m.put("note", "the ledger under test has no POST /api/batches");
            t.add(m);
        }
        if (ratios.containsKey("single32OverStock32")) {
            double ratio = ((Number) ratios.get("single32OverStock32")).doubleValue();
            t.add(target("single-call ingest, 32 clients, >= 3x stock Axon", "median of paired ratios", ratio, 3.0, true,
                         "%.2fx".formatted(ratio)));
        }
        // issue 13: latency of single calls next to their throughput
        double single1 = requestLatency("single-1", "p50");
        t.add(target("single-call writes at 1 client: p50 < 5 ms", "request p50 (ms); p99 %.1f ms"
                             .formatted(requestLatency("single-1", "p99")), single1, 5.0, false,
                     "%.1f ms".formatted(single1)));
        List<Double> ledgerP99 = new ArrayList<>();
        List<Double> stockP99 = new ArrayList<>();
        for (String phase : phases.keySet()) {
            if (phase.startsWith("single-32")) {
                ledgerP99.add(requestLatency(phase, "p99"));
            } else if (phase.startsWith("stock-single-32")) {
                stockP99.add(requestLatency(phase, "p99"));
            }
        }
        if (!stockP99.isEmpty()) {
            double p99 = median(ledgerP99);
            double stockMedian = median(stockP99);
            // "no worse than stock's": at most stock's p99 (value < goal would refuse an equal one)
            t.add(target("single-call writes at 32 clients: p99 no worse than stock Axon's",
                         "median p99 (ms) against stock's %.1f ms".formatted(stockMedian), p99,
                         Math.nextUp(stockMedian), false, "%.1f ms".formatted(p99)));
        }
        double lotP99 = Math.max(p("lot-deep", "p99"), p("lot-dag-root", "p99"));
        t.add(target("GET /api/lots/{id} p99 < 5 ms whatever the depth", "worst p99 of deep lots and the DAG root (ms)",
                     lotP99, 5.0, false, "%.2f ms".formatted(lotP99)));
        double lineage = p("lineage", "p50");
        t.add(target("upstream lineage of 10,000 ancestors < 200 ms", "median (ms); p99 %.0f ms".formatted(p("lineage", "p99")),
                     lineage, 200.0, false, "%.0f ms".formatted(lineage)));
        double replay = rate("replay");
        t.add(target("replay >= 20,000 events/s", "events/s", replay, 20_000, true, "%.0f events/s".formatted(replay)));
        if (phases.containsKey("replay-large")) {
            double large = rate("replay-large");
            t.add(target("replay of the large store >= 20,000 events/s", "events/s", large, 20_000, true,
                         "%.0f events/s".formatted(large)));
        }
        String concurrent = "lot-deep-" + o.readClients;
        double reads = readRate(concurrent);
        t.add(target("GET /api/lots/{id}, %d clients, >= 10,000 reads/s".formatted(o.readClients), "reads/s", reads,
                     10_000, true, "%.0f reads/s".formatted(reads)));
        double readP99 = p(concurrent, "p99");
        t.add(target("GET /api/lots/{id}, %d clients, p99 < 10 ms".formatted(o.readClients), "p99 (ms)", readP99, 10.0,
                     false, "%.2f ms".formatted(readP99)));
        double oneClientP99 = p("lot-deep", "p99");
        t.add(target("GET /api/lots/{id}, 1 client, p99 < 2 ms", "p99 (ms)", oneClientP99, 2.0, false,
                     "%.2f ms".formatted(oneClientP99)));
        return t;
    }

    private static Map<String, Object> target(String name, String measure, double value, double goal, boolean atLeast,
                                              String shown) {
        boolean met = atLeast ? value >= goal : value < goal;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", name);
        m.put("measure", measure);
        m.put("value", Ingest.round(value));
        m.put("goal", goal);
        m.put("status", met ? "met" : "missed");
        // How far off: for "at least" targets the share of the goal reached, else how many times too slow.
        m.put("shown", shown);
        m.put("missedBy", met ? null : atLeast ? "reaches %.0f%% of the goal (%.1fx short)".formatted(100 * value / goal, goal / value)
                : "%.1fx over the limit".formatted(value / goal));
        return m;
    }

    @SuppressWarnings("unchecked")
    private double readRate(String phase) {
        Map<String, Object> r = (Map<String, Object>) phases.get(phase);
        return r == null || !(r.get("readsPerSecond") instanceof Number n) ? Double.NaN : n.doubleValue();
    }

    @SuppressWarnings("unchecked")
    private double rate(String phase) {
        Map<String, Object> r = (Map<String, Object>) phases.get(phase);
        return r == null || !(r.get("eventsPerSecond") instanceof Number n) ? Double.NaN : n.doubleValue();
    }

    @SuppressWarnings("unchecked")
    private double requestLatency(String phase, String percentile) {
        Map<String, Object> r = (Map<String, Object>) phases.get(phase);
        Map<String, Object> l = r == null ? null : (Map<String, Object>) r.get("requestLatencyMs");
        return l == null ? Double.NaN : ((Number) l.get(percentile)).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private double p(String phase, String percentile) {
        Map<String, Object> r = (Map<String, Object>) phases.get(phase);
        Map<String, Object> l = r == null ? null : (Map<String, Object>) r.get("latencyMs");
        return l == null ? Double.NaN : ((Number) l.get(percentile)).doubleValue();
    }

    /** A ratio to three significant digits. */
    private static double ratio(double v) {
        if (Double.isNaN(v) || v == 0 || Double.isInfinite(v)) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).doubleValue();
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private long maxIndex(String database) throws Exception {
        return db.queryLong(database, "select coalesce(max(global_index), 0) from domain_event_entry");
    }

    private Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("memoryGiB", memoryGiB());
        m.put("cpu", cpuModel());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        try {
            m.put("postgres", db.queryString("select version()"));
        } catch (Exception e) {
            m.put("postgres", "unknown: " + e.getMessage());
        }
        Map<String, Object> pg = new LinkedHashMap<>();
        for (String s : List.of("shared_buffers", "synchronous_commit", "fsync", "wal_level", "max_connections",
                                "commit_delay")) {
            pg.put(s, db.setting(s));
        }
        m.put("postgresSettings", pg);
        m.put("postgresOnSameMachine", o.jdbcUrl.contains("127.0.0.1") || o.jdbcUrl.contains("localhost"));
        m.put("loadAverageAtStart", loadAverage());
        return m;
    }

    private static double memoryGiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Ingest.round(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0);
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return Double.NaN;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static String loadAverage() {
        try {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")).subList(0, 3));
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
