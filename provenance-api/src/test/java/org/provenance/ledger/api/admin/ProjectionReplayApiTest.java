package org.provenance.ledger.api.admin;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Await;
import org.provenance.ledger.api.support.Http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Rebuilding the read models from the event store while the ledger keeps taking writes (SPEC 9). */
class ProjectionReplayApiTest extends ApiTest {

    private static final List<String> TABLES = List.of("facility_view", "lot_view", "transfer_view",
            "transformation_view", "transformation_input", "transformation_output");

    @Test
    void a_replay_while_writes_continue_rebuilds_the_same_read_models() throws Exception {
        String lot = history();
        awaitCaughtUp();
        long before = latestEventPosition();
        String replaced = checksum(before);

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<List<Http.Response>> refused = writer.submit(() -> {
            List<Http.Response> failures = new ArrayList<>();
            while (writing.get()) {
                String mine = id("RW-MINE");
                Http.Response facility = http.post("/api/facilities", """
                        {"id": "%s", "name": "Replay Mine", "kind": "MINE", "country": "AU"}""".formatted(mine));
                Http.Response extraction = http.post("/api/lots/extractions", """
                        {"lotId": "%s", "mineId": "%s", "mineral": "W", "form": "ore", "massKg": 17.25}"""
                        .formatted(id("RW-LOT"), mine));
                for (Http.Response r : List.of(facility, extraction)) {
                    if (r.status() != 201) {
                        failures.add(r);
                    }
                }
                written.incrementAndGet();
            }
            return failures;
        });
        try {
            Await.until("writes are flowing", Duration.ofSeconds(30), () -> written.get() >= 3);

            Http.Response replay = http.post("/api/admin/projections/ledger/replay", "");
            assertThat(replay.status()).as(replay.body()).isEqualTo(202);
            assertThat(replay.json().path("replay").path("untilPosition").asLong()).isGreaterThanOrEqualTo(before);

            // A read during the rebuild never shows a half-empty read model: it answers the rebuilt
            // lot, or 503 rebuilding (with Retry-After) until the rebuild has passed the replay's start.
            Http.Response read = http.get("/api/lots/" + lot);
            if (read.status() == 503) {
                assertProblem(read, 503, "read-models-rebuilding");
                assertThat(read.header("Retry-After")).isNotBlank();
                Await.until("the rebuilt lot can be read", Duration.ofSeconds(60),
                            () -> http.get("/api/lots/" + lot).status() == 200);
                read = http.get("/api/lots/" + lot);
            }
            assertThat(read.status()).as(read.body()).isEqualTo(200);
            assertThat(read.json().path("remainingMassKg").decimalValue()).isEqualByComparingTo("40");

            int atReplay = written.get();
            Await.until("writes continued after the replay began", Duration.ofSeconds(30),
                        () -> written.get() >= atReplay + 3);
        } finally {
            writing.set(false);
        }
        assertThat(refused.get()).as("writes refused during the replay").isEmpty();
        writer.shutdown();
        awaitCaughtUp();

        assertThat(checksum(before)).as("the rebuilt read models equal the ones they replaced").isEqualTo(replaced);
        assertNothingLostOrDoubled();
        String rebuiltUnderLoad = checksum(Long.MAX_VALUE);

        assertThat(http.post("/api/admin/projections/ledger/replay", "").status()).isEqualTo(202);
        awaitCaughtUp();
        assertThat(checksum(Long.MAX_VALUE)).as("a quiet rebuild equals the one rebuilt under load")
                                            .isEqualTo(rebuiltUnderLoad);
    }

    @Test
    void projections_show_their_position_lag_and_status() {
        history();
        awaitCaughtUp();

        Http.Response list = http.get("/api/admin/projections");

        assertThat(list.status()).isEqualTo(200);
        long head = list.json().path("headPosition").asLong();
        assertThat(head).isEqualTo(latestEventPosition());
        JsonNode ledger = list.json().path("projections").get(0);
        assertThat(ledger.path("name").asString()).isEqualTo("ledger");
        assertThat(ledger.path("status").asString()).isEqualTo("RUNNING");
        assertThat(ledger.path("position").asLong()).isEqualTo(head);
        assertThat(ledger.path("lag").asLong()).isZero();
        assertThat(ledger.path("caughtUp").asBoolean()).isTrue();
        assertThat(http.get("/api/admin/projections/ledger").json().path("name").asString()).isEqualTo("ledger");
    }

    @Test
    void an_unknown_projection_is_not_found() {
        assertProblem(http.post("/api/admin/projections/nothing/replay", ""), 404, "not-found");
        assertProblem(http.get("/api/admin/projections/nothing"), 404, "not-found");
    }

    /** A small supply chain touching every read model; returns a lot whose state came from several events. */
    private String history() {
        String mine = facility("MINE", "AU");
        String processor = facility("PROCESSOR", "EE", "CN");
        String buyer = facility("BUYER", "US");
        String ore = extract(mine, "100");
        assertThat(http.post("/api/transfers", """
                {"id": "%s", "lotId": "%s", "fromFacilityId": "%s", "toFacilityId": "%s",
                 "unitPrice": {"amount": 12.5, "currency": "USD"}}""".formatted(id("T"), ore, mine, processor))
                       .status()).isEqualTo(201);
        String oxide = id("OXIDE");
        assertThat(http.post("/api/transformations", """
                {"id": "%s", "facilityId": "%s", "stage": "SEPARATION",
                 "inputs": [{"lotId": "%s", "massKg": 60}],
                 "outputs": [{"lotId": "%s", "mineral": "REE", "form": "oxide", "massKg": 9}]}"""
                .formatted(id("SEP"), processor, ore, oxide)).status()).isEqualTo(201);
        assertThat(transfer(id("T"), oxide, processor, buyer).status()).isEqualTo(201);
        return ore;
    }

    private void awaitCaughtUp() {
        // Every processor: transfers are projected by ledger-edges, which a replay of ledger leaves running.
        Await.until("every projection has processed every event", Duration.ofSeconds(60), () -> {
            long head = latestEventPosition();
            for (JsonNode projection : http.get("/api/admin/projections").json().path("projections")) {
                boolean done = "RUNNING".equals(projection.path("status").asString())
                        && projection.path("position").asLong() >= head
                        && (projection.path("replay").isNull() || projection.path("replay").path("done").asBoolean());
                if (!done) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * MD5 over every row of the read models, in a stable order. Before upTo: leaves out the rows
     * of the writes made during the replay (their ids start with RW-; they only add rows).
     */
    private String checksum(long upTo) {
        StringBuilder all = new StringBuilder();
        for (String table : TABLES) {
            String key = switch (table) {
                case "facility_view" -> "facility_id";
                case "lot_view" -> "lot_id";
                default -> null;
            };
            String where = upTo == Long.MAX_VALUE || key == null ? "" : " where t." + key + " not like 'RW-%'";
            all.append(table).append('=').append(jdbc.sql("select md5(coalesce(string_agg(t::text, '|' order by t::text), ''))"
                                                          + " from " + table + " t" + where)
                                                     .query(String.class).single()).append(';');
        }
        return all.toString();
    }

    /** Every fact in the event store has exactly one row: keys rule out doubles, counts rule out losses. */
    private void assertNothingLostOrDoubled() {
        assertThat(count("facility_view")).isEqualTo(distinct("facilityId", "FacilityRegistered"));
        assertThat(count("lot_view")).isEqualTo(distinct("lotId", "LotExtracted", "LotRegistered", "LotProduced"));
        assertThat(count("transfer_view")).isEqualTo(distinct("transferId", "LotTransferred"));
        assertThat(count("transformation_view")).isEqualTo(distinct("transformationId", "TransformationRecorded"));
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private long distinct(String field, String... types) {
        List<String> classes = new ArrayList<>();
        for (String type : types) {
            classes.add("'" + payloadClass(type) + "'");
        }
        return jdbc.sql("select count(distinct convert_from(payload, 'UTF8')::jsonb ->> '" + field + "')"
                        + " from domain_event_entry where payload_type in (" + String.join(", ", classes) + ")")
                   .query(Long.class).single();
    }

    private static String payloadClass(String type) {
        String module = switch (type) {
            case "FacilityRegistered" -> "facility";
            case "TransformationRecorded" -> "transformation";
            default -> "lot";
        };
        return "org.provenance.ledger." + module + "." + type;
    }
}
