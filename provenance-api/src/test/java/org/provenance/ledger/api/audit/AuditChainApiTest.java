package org.provenance.ledger.api.audit;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.audit.server.AuditChainer;
import org.provenance.ledger.audit.server.Seals;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionTemplate;
import org.provenance.ledger.api.support.Await;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hash chain as the chainer writes it and GET /api/audit/verify checks it (SPEC 9). */
class AuditChainApiTest extends ApiTest {

    @Autowired
    AuditChainer chainer;

    @Autowired
    DataSource dataSource;

    @Autowired
    Seals seals;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void a_clean_ledger_verifies() {
        supplyChain();
        long latest = awaitChained();

        Http.Response verify = http.get("/api/audit/verify");

        assertThat(verify.status()).isEqualTo(200);
        assertThat(verify.json().path("intact").asBoolean()).as(verify.body()).isTrue();
        assertThat(verify.json().path("failure").isNull()).isTrue();
        assertThat(verify.json().path("headPosition").asLong()).isGreaterThanOrEqualTo(latest);
        assertThat(verify.json().path("checkedEvents").asLong()).isEqualTo(chainEntries());
        assertThat(verify.text("headHash")).matches("[0-9a-f]{64}");
    }

    @Test
    void every_event_is_chained_in_global_order_as_AUDIT_md_defines() throws Exception {
        supplyChain();
        awaitChained();

        // An implementation of docs/AUDIT.md written apart from the production code, over the raw rows.
        byte[] previous = new byte[32];
        long previousPosition = 0;
        int checked = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     select c.global_index, c.previous_index, c.event_hash, e.event_identifier, e.payload_type,
                            e.payload_revision, e.type, e.aggregate_identifier, e.sequence_number, e.time_stamp,
                            e.payload, e.meta_data
                     from audit_chain c join domain_event_entry e using (global_index) order by c.global_index""");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                ByteArrayOutputStream encoding = new ByteArrayOutputStream();
                encoding.write(1);
                encoding.write(ByteBuffer.allocate(8).putLong(rs.getLong("global_index")).array());
                for (String column : List.of("event_identifier", "payload_type", "payload_revision", "type",
                                             "aggregate_identifier")) {
                    field(encoding, rs.getString(column) == null ? null
                            : rs.getString(column).getBytes(StandardCharsets.UTF_8));
                }
                encoding.write(ByteBuffer.allocate(8).putLong(rs.getLong("sequence_number")).array());
                field(encoding, rs.getString("time_stamp").getBytes(StandardCharsets.UTF_8));
                field(encoding, rs.getBytes("payload"));
                field(encoding, rs.getBytes("meta_data"));
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                sha256.update(previous);
                sha256.update(encoding.toByteArray());
                byte[] hash = sha256.digest();

                assertThat(rs.getLong("previous_index")).isEqualTo(previousPosition);
                assertThat(HexFormat.of().formatHex(rs.getBytes("event_hash")))
                        .as("position %d", rs.getLong("global_index")).isEqualTo(HexFormat.of().formatHex(hash));
                previous = hash;
                previousPosition = rs.getLong("global_index");
                checked++;
            }
        }
        assertThat(checked).isEqualTo(chainEntries()).isGreaterThan(0);
    }

    @Test
    void a_write_that_commits_late_is_chained_in_its_place_not_skipped() throws Exception {
        String facilityId = id("SLOW");
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        AtomicLong position = new AtomicLong();
        // A write that drew its position and has not committed yet, sealed in its transaction as the
        // ledger's storage engine does...
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
            String eventId = UUID.randomUUID().toString();
            try {
                position.set(insertFacilityEvent(DataSourceUtils.getConnection(dataSource), facilityId, eventId));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            seals.seal(List.of(eventId));
            written.countDown();
            try {
                commit.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
        // ...while a later write commits.
        String later = facility("MINE", "AU");
        long laterPosition = latestEventPosition();
        assertThat(laterPosition).isGreaterThan(position.get());
        long rounds = chainer.rounds();
        Await.until("the chainer looked again", Duration.ofSeconds(10), () -> chainer.rounds() > rounds + 2);

        assertThat(chainHead()).as("the chain waits below the uncommitted position").isLessThan(position.get());
        assertThat(later).isNotBlank();

        commit.countDown();
        slow.get(30, TimeUnit.SECONDS);
        awaitChainedUpTo(laterPosition);
        Http.Response verify = http.get("/api/audit/verify");
        assertThat(verify.json().path("intact").asBoolean()).as(verify.body()).isTrue();
        Await.until("the projection saw the late write", Duration.ofSeconds(30),
                    () -> http.get("/api/facilities/" + facilityId).status() == 200);
    }

    @Test
    void a_gap_left_by_a_rolled_back_write_is_skipped_after_the_grace_period() {
        long gap = jdbc.sql("select nextval('domain_event_entry_seq')").query(Long.class).single();
        facility("MINE", "AU");

        long latest = awaitChained();

        assertThat(latest).isGreaterThan(gap);
        assertThat(jdbc.sql("select previous_index from audit_chain where global_index = ?").param(gap + 1)
                       .query(Long.class).single()).isLessThan(gap);
        assertThat(http.get("/api/audit/verify").json().path("intact").asBoolean()).isTrue();
    }

    @Test
    void the_chainer_resumes_where_it_stopped() {
        awaitChained();
        chainer.stop();
        try {
            supplyChain();
            assertThat(chainHead()).isLessThan(latestEventPosition());
        } finally {
            chainer.start();
        }

        awaitChained();
        assertThat(http.get("/api/audit/verify").json().path("intact").asBoolean()).isTrue();
    }

    @Test
    void chain_entries_cannot_be_changed_or_deleted() {
        supplyChain();
        long head = awaitChained();

        assertThatThrownBy(() -> jdbc.sql("update audit_chain set event_hash = event_hash where global_index = ?")
                                     .param(head).update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_chain where global_index = ?").param(head).update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
    }

    @Test
    void the_event_feed_pages_through_chained_events_with_their_hashes() {
        supplyChain();
        long head = awaitChained();
        long after = head - 4;

        Http.Response page = http.get("/api/audit/events?after=" + after + "&limit=3");

        assertThat(page.status()).isEqualTo(200);
        JsonNode items = page.json().path("items");
        assertThat(items).hasSize(3);
        assertThat(items.get(0).path("position").asLong()).isGreaterThan(after);
        assertThat(page.json().path("next").asLong()).isEqualTo(items.get(2).path("position").asLong());
        JsonNode event = items.get(0);
        assertThat(event.path("hash").asString()).isEqualTo(HexFormat.of().formatHex(
                jdbc.sql("select event_hash from audit_chain where global_index = ?")
                    .param(event.path("position").asLong()).query(byte[].class).single()));
        assertThat(event.path("streamId").asString()).contains("/");
        assertThat(event.path("type").asString()).isNotBlank();
        assertThat(event.path("payload").isObject()).isTrue();
        assertThat(event.path("metadata").path("principal").asString()).isEqualTo(TestUsers.TESTER.principal());

        Http.Response next = http.get("/api/audit/events?after=" + page.json().path("next").asLong() + "&limit=1000");
        assertThat(next.json().path("items").get(0).path("position").asLong())
                .isGreaterThan(items.get(2).path("position").asLong());
        assertThat(next.json().path("chainHead").asLong()).isGreaterThanOrEqualTo(head);
    }

    @Test
    void the_event_feed_caps_its_page_and_refuses_nonsense() {
        assertThat(http.get("/api/audit/events?limit=5000").json().path("limit").asInt()).isEqualTo(1000);
        assertProblem(http.get("/api/audit/events?limit=0"), 400, "invalid-parameter");
        assertNamesField(http.get("/api/audit/events?after=-1"), "after");
        assertProblem(http.get("/api/audit/events?after=abc"), 400, "invalid-parameter");
    }

    private void supplyChain() {
        String mine = facility("MINE", "AU");
        String buyer = facility("BUYER", "US");
        String lot = extract(mine, "700");
        assertThat(transfer(id("T"), lot, mine, buyer).status()).isEqualTo(201);
    }

    private long chainEntries() {
        return jdbc.sql("select count(*) from audit_chain").query(Long.class).single();
    }

    private static void field(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes == null ? -1 : bytes.length).array());
        if (bytes != null) {
            out.writeBytes(bytes);
        }
    }

    /** A facility registration written by hand on the given connection, as Axon would write it. */
    static long insertFacilityEvent(Connection connection, String facilityId, String eventId) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                                                time_stamp, payload_type, payload, meta_data)
                values (?, ?, 0, 'Facility', ?, 'org.provenance.ledger.facility.FacilityRegistered', ?, ?)
                returning global_index""")) {
            insert.setString(1, eventId);
            insert.setString(2, "facility/" + facilityId);
            insert.setString(3, Instant.now().toString());
            insert.setBytes(4, ("{\"facilityId\":\"" + facilityId + "\",\"name\":\"Slow Mine\",\"kind\":\"MINE\","
                                + "\"country\":\"AU\",\"ownerCountry\":null}").getBytes(StandardCharsets.UTF_8));
            insert.setBytes(5, "{\"principal\":\"anonymous\"}".getBytes(StandardCharsets.UTF_8));
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
