package org.provenance.ledger.api.rebuild;

import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Await;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.TestUsers;
import org.provenance.ledger.projections.support.ProjectionTables;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild without downtime while clients keep writing and reading through REST: no read is
 * refused as rebuilding, every acknowledged write is visible after the switch, and every row of
 * every projection table equals what a full replay of the event store gives.
 */
class ShadowRebuildApiTest extends ApiTest {

    private static final int WRITERS = 2;

    @Test
    void a_rebuild_under_writes_switches_to_read_models_equal_to_a_replay_and_never_refuses_reads() throws Exception {
        String lot = history();
        bulkHistory(1500);
        Map<String, List<String>> indexesBefore = indexNames();

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> refusedReads = new ConcurrentLinkedQueue<>();
        AtomicInteger reads = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(WRITERS + 1);
        List<Future<List<String>>> writers = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            writers.add(clients.submit(() -> write(running, written, acknowledged)));
        }
        Future<?> reader = clients.submit(() -> {
            while (running.get()) {
                for (String path : List.of("/api/lots/" + lot, "/api/flags", "/api/facilities")) {
                    Http.Response read = http.get(path);
                    reads.incrementAndGet();
                    if (read.status() != 200) {
                        refusedReads.add(path + " " + read.status() + " " + read.body());
                    }
                }
            }
        });
        JsonNode done;
        int writtenAtStart;
        try {
            Await.until("writes are flowing", Duration.ofSeconds(30), () -> written.get() >= 3);
            writtenAtStart = written.get();

            Http.Response started = http.post("/api/admin/projections/rebuilds", "");
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            assertThat(started.header("Location")).endsWith("/api/admin/projections/rebuilds/latest");
            assertThat(started.json().path("state").asString()).isEqualTo("BUILDING");
            assertThat(started.json().path("tables").size()).isEqualTo(ProjectionTables.ALL.size());

            Await.until("the rebuild is done", Duration.ofMinutes(3), () -> {
                String state = http.get("/api/admin/projections/rebuilds/latest").json().path("state").asString();
                assertThat(state).isNotEqualTo("FAILED");
                return state.equals("DONE");
            });
            done = http.get("/api/admin/projections/rebuilds/latest").json();
            int writtenAtSwitch = written.get();
            Await.until("writes continued after the switch", Duration.ofSeconds(30),
                        () -> written.get() >= writtenAtSwitch + 3);
            assertThat(writtenAtSwitch).as("writes acknowledged while the rebuild ran").isGreaterThan(writtenAtStart);
        } finally {
            running.set(false);
        }
        for (Future<List<String>> writer : writers) {
            assertThat(writer.get()).as("writes refused during the rebuild").isEmpty();
        }
        reader.get();
        clients.shutdown();

        assertThat(reads.get()).isPositive();
        assertThat(refusedReads).as("reads refused during the rebuild").isEmpty();
        assertThat(done.path("switchedAt").isNull()).isFalse();
        assertThat(done.path("position").asLong()).isGreaterThanOrEqualTo(done.path("progress").path("untilPosition").asLong());
        assertThat(done.path("progress").path("done").asBoolean()).isTrue();
        assertThat(done.path("progress").path("eventsPerSecond").asDouble()).isPositive();
        assertThat(done.path("progress").path("estimatedSecondsLeft").asLong()).isZero();
        assertThat(http.get("/api/admin/projections").json().path("rebuild").path("state").asString()).isEqualTo("DONE");

        for (String id : acknowledged) {
            Http.Response read = http.get("/api/lots/" + id);
            assertThat(read.status()).as("acknowledged lot " + id + ": " + read.body()).isEqualTo(200);
        }
        awaitCaughtUp();
        assertThat(indexNames()).as("the switched tables have the indexes and constraints Flyway made, by name").isEqualTo(indexesBefore);
        assertThat(jdbc.sql("select count(*) from pg_tables where schemaname in ('ledger_shadow', 'ledger_retired')")
                       .query(Long.class).single()).as("nothing left behind").isZero();

        Map<String, Set<String>> rebuilt = snapshot();
        assertThat(http.post("/api/admin/projections/ledger/replay", "").status()).isEqualTo(202);
        awaitCaughtUp();
        Map<String, Set<String>> replayed = snapshot();
        for (String table : ProjectionTables.ALL) {
            Set<String> onlyRebuilt = new TreeSet<>(rebuilt.get(table));
            onlyRebuilt.removeAll(replayed.get(table));
            Set<String> onlyReplayed = new TreeSet<>(replayed.get(table));
            onlyReplayed.removeAll(rebuilt.get(table));
            assertThat(onlyRebuilt).as(table + " rows the rebuild has and a replay does not").isEmpty();
            assertThat(onlyReplayed).as(table + " rows a replay has and the rebuild does not").isEmpty();
        }
        assertThat(rebuilt.get("flag")).as("the history raised flags").isNotEmpty();
    }

    @Test
    void only_admins_start_a_rebuild() {
        assertThat(as(TestUsers.OPERATOR)
                           .post("/api/admin/projections/rebuilds", "").status()).isEqualTo(403);
    }

    /** Each write: a facility and a lot extracted there; the lot's id once both were acknowledged. */
    private List<String> write(AtomicBoolean running, AtomicInteger written, ConcurrentLinkedQueue<String> acknowledged) {
        List<String> failures = new ArrayList<>();
        while (running.get()) {
            String mine = id("SR-MINE");
            String lot = id("SR-LOT");
            Http.Response facility = http.post("/api/facilities", """
                    {"id": "%s", "name": "Rebuild Mine", "kind": "MINE", "country": "AU"}""".formatted(mine));
            Http.Response extraction = http.post("/api/lots/extractions", """
                    {"lotId": "%s", "mineId": "%s", "mineral": "W", "form": "ore", "massKg": 3.5}""".formatted(lot, mine));
            for (Http.Response r : List.of(facility, extraction)) {
                if (r.status() != 201) {
                    failures.add(r.status() + " " + r.body());
                }
            }
            if (extraction.status() == 201) {
                acknowledged.add(lot);
            }
            written.incrementAndGet();
        }
        return failures;
    }

    /** A supply chain touching every read model, flags and reviews included; returns a lot read during the rebuild. */
    private String history() {
        homeBloc();
        String cnMine = facility("MINE", "CN", "CN");
        String auMine = facility("MINE", "AU", "CN");
        String separator = facility("PROCESSOR", "EE");
        String buyer = facility("BUYER", "US");
        String cn = extract(cnMine, "3");
        String au = extract(auMine, "7");
        assertThat(transfer(id("T"), cn, cnMine, separator).status()).isEqualTo(201);
        assertThat(transfer(id("T"), au, auMine, separator).status()).isEqualTo(201);
        String oxide = transform(separator, "SEPARATION", "12", cn, "3", au, "7");
        String sale = id("SALE");
        assertThat(transfer(sale, oxide, separator, buyer).status()).isEqualTo(201);
        assertThat(http.post("/api/flags/" + sale + ":NON_BLOC_ORIGIN/reviews",
                             "{\"decision\": \"CONFIRMED\", \"note\": \"origin is China\"}").status()).isEqualTo(201);
        return oxide;
    }

    /** Enough events that the shadow needs a while, written in one request. */
    private void bulkHistory(int lots) {
        String mine = facility("MINE", "AU");
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < lots; i++) {
            batch.append("""
                    {"type": "extraction", "lotId": "%s", "mineId": "%s", "mineral": "Co", "form": "ore", "massKg": 2}
                    """.formatted(id("SR-BULK"), mine));
        }
        Http.Response response = http.postNdjson("/api/batches", batch.toString());
        assertThat(response.lines().get(lots).path("summary").path("succeeded").asInt()).isEqualTo(lots);
    }

    private void awaitCaughtUp() {
        Await.until("the ledger projection has processed every event", Duration.ofSeconds(60), () -> {
            JsonNode ledger = http.get("/api/admin/projections/ledger").json();
            return "RUNNING".equals(ledger.path("status").asString())
                    && ledger.path("position").asLong() >= latestEventPosition()
                    && (ledger.path("replay").isNull() || ledger.path("replay").path("done").asBoolean());
        });
    }

    private Map<String, Set<String>> snapshot() {
        Map<String, Set<String>> rows = new TreeMap<>();
        for (String table : ProjectionTables.ALL) {
            rows.put(table, new TreeSet<>(jdbc.sql("select t::text from " + table + " t").query(String.class).list()));
        }
        return rows;
    }

    /** Each table's indexes and constraints, by name and definition, as Flyway made them. */
    private Map<String, List<String>> indexNames() {
        Map<String, List<String>> names = new TreeMap<>();
        for (String table : ProjectionTables.ALL) {
            names.put(table, jdbc.sql("""
                    select 'index ' || indexname || ': ' || regexp_replace(indexdef, '^.* USING ', '') as name
                    from pg_indexes where schemaname = 'public' and tablename = :table
                    union all
                    select 'constraint ' || conname || ': ' || pg_get_constraintdef(c.oid) from pg_constraint c
                    where c.conrelid = ('public.' || :table)::regclass
                    order by name""").param("table", table).query(String.class).list());
        }
        return names;
    }
}
