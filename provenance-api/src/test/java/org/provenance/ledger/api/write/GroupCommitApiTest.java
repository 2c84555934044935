package org.provenance.ledger.api.write;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Await;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group commit of concurrent single writes (issue 13): writes queued while the group commit thread is
 * busy are committed together, in one transaction, and each keeps what a write on its own guarantees.
 * <p>
 * To make a group without relying on timing, the group commit thread is held: the test inserts, in an
 * open transaction of its own, the request registry row of a write it then sends, so that write's
 * group waits on the row's key; the writes sent meanwhile queue up (the test waits until they are all
 * queued), and once the test rolls back they are taken as one group.
 */
class GroupCommitApiTest extends ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    LedgerWriter writer;

    @Autowired
    DataSource dataSource;

    @Test
    void concurrent_single_writes_commit_in_one_transaction_each_with_its_own_principal_and_request_id() throws Exception {
        String mine = facility("MINE", "AU");
        http.post("/api/facilities", """
                {"id": "%s", "name": "Operator's mine", "kind": "MINE", "country": "AU"}""".formatted(TestUsers.OPERATOR_MINE));
        List<String> lots = new ArrayList<>();
        List<Supplier<Http.Response>> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String lot = id("GC-LOT");
            lots.add(lot);
            boolean operator = i % 2 == 1;
            Http client = (operator ? as(TestUsers.OPERATOR) : http).withHeaders(Map.of("X-Request-Id", "gc-req-" + lot));
            String body = """
                    {"lotId": "%s", "mineId": "%s", "mineral": "REE", "form": "ore", "massKg": %d}"""
                    .formatted(lot, operator ? TestUsers.OPERATOR_MINE : mine, 10 + i);
            requests.add(() -> {
                Http.Response created = client.post("/api/lots/extractions", body);
                // read-your-writes: the lot is there as soon as its write is acknowledged
                Http.Response read = client.get("/api/lots/" + lot);
                assertThat(read.status()).as(read.body()).isEqualTo(200);
                return created;
            });
        }

        List<Http.Response> answers = asOneGroup(mine, requests);

        assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(201));
        List<Long> positions = answers.stream().map(r -> r.json().path("position").asLong()).toList();
        assertThat(positions).doesNotHaveDuplicates();
        assertThat(transactionsOf(positions)).isEqualTo(1);
        for (int i = 0; i < lots.size(); i++) {
            JsonNode metadata = metadataOf(positions.get(i));
            assertThat(metadata.path("principal").asString())
                    .isEqualTo((i % 2 == 1 ? TestUsers.OPERATOR : TestUsers.TESTER).principal());
            assertThat(metadata.path("requestId").asString()).isEqualTo("gc-req-" + lots.get(i));
            assertThat(metadata.path("recordedAt").asString()).isNotBlank();
            assertThat(http.get("/api/lots/" + lots.get(i)).json().path("remainingMassKg").decimalValue())
                    .isEqualByComparingTo(String.valueOf(10 + i));
        }
        // The group's positions are usable: the chain covers them and verifies.
        awaitChainedUpTo(positions.stream().mapToLong(Long::longValue).max().orElseThrow());
        Http.Response verify = http.get("/api/audit/verify");
        assertThat(verify.json().path("intact").asBoolean()).as(verify.body()).isTrue();
    }

    @Test
    void racing_transfers_in_one_group_have_one_winner_and_the_rest_of_the_group_is_recorded() throws Exception {
        String mine = facility("MINE", "AU");
        String buyerA = facility("BUYER", "US");
        String buyerB = facility("BUYER", "JP");
        String lot = extract(mine, "40");
        String other = id("GC-LOT");
        long before = eventCount();

        List<Http.Response> answers = asOneGroup(mine, List.of(
                () -> transfer(id("T"), lot, mine, buyerA),
                () -> transfer(id("T"), lot, mine, buyerB),
                () -> http.post("/api/lots/extractions", """
                        {"lotId": "%s", "mineId": "%s", "mineral": "REE", "form": "ore", "massKg": 1}"""
                        .formatted(other, mine))));

        assertThat(answers.subList(0, 2)).extracting(Http.Response::status).containsExactlyInAnyOrder(201, 409);
        assertThat(answers.get(2).status()).as(answers.get(2).body()).isEqualTo(201);
        Http.Response winner = answers.get(0).status() == 201 ? answers.get(0) : answers.get(1);
        assertThat(lotEvents(lot)).isEqualTo(2);
        // the blocking write, the winning transfer and the other extraction
        assertThat(eventCount()).isEqualTo(before + 3);
        assertThat(http.get("/api/lots/" + lot).text("custodianId"))
                .isEqualTo(http.get("/api/transfers/" + winner.text("id")).text("toFacilityId"));
    }

    @Test
    void identical_twins_in_one_group_are_recorded_once_and_answered_alike() throws Exception {
        String mine = facility("MINE", "AU");
        String body = """
                {"lotId": "%s", "mineId": "%s", "mineral": "Co", "form": "ore", "massKg": 3}""".formatted(id("GC-LOT"), mine);
        long before = eventCount();

        List<Http.Response> answers = asOneGroup(mine, List.of(
                () -> http.post("/api/lots/extractions", body),
                () -> http.post("/api/lots/extractions", body),
                () -> http.post("/api/lots/extractions", body)));

        assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(201));
        assertThat(answers.stream().map(Http.Response::body).distinct()).hasSize(1);
        assertThat(eventCount()).isEqualTo(before + 2);
    }

    @Test
    void a_transformation_refused_in_a_group_changes_none_of_its_lots() throws Exception {
        String mine = facility("MINE", "AU");
        String plant = facility("PROCESSOR", "JP");
        String a = extract(mine, "100");
        String b = extract(mine, "10");
        assertThat(transfer(id("T"), a, mine, plant).status()).isEqualTo(201);
        assertThat(transfer(id("T"), b, mine, plant).status()).isEqualTo(201);
        String good = id("OUT");
        long before = eventCount();

        List<Http.Response> answers = asOneGroup(mine, List.of(
                () -> transformation(plant, id("OUT"), a, "50", b, "11"),
                () -> transformation(plant, good, a, "60", b, "10")));

        assertThat(answers).extracting(Http.Response::status).containsExactly(409, 201);
        // the blocking write, then 2 consumed + 1 recorded + 1 produced for the one transformation
        assertThat(eventCount()).isEqualTo(before + 5);
        assertThat(http.get("/api/lots/" + a).json().path("remainingMassKg").decimalValue()).isEqualByComparingTo("40");
        assertThat(http.get("/api/lots/" + b).json().path("remainingMassKg").decimalValue()).isEqualByComparingTo("0");
        assertThat(http.get("/api/lots/" + good).text("custodianId")).isEqualTo(plant);
    }

    private Http.Response transformation(String facility, String output, String a, String aKg, String b, String bKg) {
        return http.post("/api/transformations", """
                {"id": "%s", "facilityId": "%s", "stage": "SEPARATION",
                 "inputs": [{"lotId": "%s", "massKg": %s}, {"lotId": "%s", "massKg": %s}],
                 "outputs": [{"lotId": "%s", "mineral": "REE", "form": "oxide", "massKg": 20}]}"""
                .formatted(id("X"), facility, a, aKg, b, bKg, output));
    }

    /**
     * Sends the requests while the group commit thread is held, so that they are queued together, and
     * answers them in order. The thread is held by an extraction whose registry row this test has
     * inserted, uncommitted, first.
     */
    private List<Http.Response> asOneGroup(String mine, List<Supplier<Http.Response>> requests) throws Exception {
        assertThat(writer.queuedForGroupCommit()).isZero();
        String blocker = id("GC-BLOCKER");
        ExecutorService pool = Executors.newFixedThreadPool(requests.size() + 1);
        try (Connection hold = dataSource.getConnection()) {
            hold.setAutoCommit(false);
            try (PreparedStatement insert = hold.prepareStatement(
                    "insert into request_registry (request_key, body_sha256, resource_id, position) values (?, ?, ?, 0)")) {
                insert.setString(1, "extraction:" + blocker);
                insert.setBytes(2, new byte[32]);
                insert.setString(3, blocker);
                insert.executeUpdate();
            }
            Future<Http.Response> blocked = pool.submit(() -> http.post("/api/lots/extractions", """
                    {"lotId": "%s", "mineId": "%s", "mineral": "REE", "form": "ore", "massKg": 1}"""
                    .formatted(blocker, mine)));
            Await.until("the group commit thread waits on the held registry row", Duration.ofSeconds(20),
                        () -> jdbc.sql("select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
                                       + "and datname = current_database()").query(Long.class).single() > 0);
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (Supplier<Http.Response> request : requests) {
                futures.add(pool.submit(request::get));
            }
            Await.until(requests.size() + " writes queued behind it", Duration.ofSeconds(20),
                        () -> writer.queuedForGroupCommit() == requests.size());
            hold.rollback();
            Http.Response first = blocked.get();
            assertThat(first.status()).as(first.body()).isEqualTo(201);
            List<Http.Response> answers = new ArrayList<>();
            for (Future<Http.Response> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private long transactionsOf(List<Long> positions) {
        return jdbc.sql("select count(distinct xmin::text) from domain_event_entry where global_index in (:p)")
                   .param("p", positions).query(Long.class).single();
    }

    private JsonNode metadataOf(long position) {
        byte[] metadata = jdbc.sql("select meta_data from domain_event_entry where global_index = ?").param(position)
                              .query(byte[].class).single();
        return JSON.readTree(metadata);
    }

    private long lotEvents(String lot) {
        return jdbc.sql("select count(*) from domain_event_entry where aggregate_identifier = ?").param("lot/" + lot)
                   .query(Long.class).single();
    }
}
