package org.provenance.ledger.api.read;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Await;
import org.provenance.ledger.api.support.Http;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a projection cannot go on (SPEC 7): readiness DOWN, the admin view names the event and the
 * cause, reads answer 503 naming the projection instead of stale data, and once the cause is gone
 * the projection resumes by itself with nothing skipped. Rebuilds answer 503, never an empty list
 * or a 404.
 */
class StalledProjectionTest extends ApiTest {

    @Autowired
    DataSource dataSource;

    @Test
    void a_projection_stopped_on_an_error_is_reported_refuses_reads_and_resumes_when_the_cause_is_gone() {
        String known = facility("MINE", "AU");
        assertThat(http.get("/api/facilities/" + known).status()).as("projected before the trigger").isEqualTo(200);
        String refused = id("MINE");
        jdbc.sql("""
                 create function refuse_facility() returns trigger language plpgsql as $$
                 begin raise exception 'facility_view is closed for maintenance'; end $$""").update();
        jdbc.sql("create trigger refuse_facility before insert on facility_view for each row execute function refuse_facility()")
            .update();
        try {
            Http.Response written = http.post("/api/facilities", """
                    {"id": "%s", "name": "Stalled Mine", "kind": "MINE", "country": "AU"}""".formatted(refused));
            assertThat(written.status()).as("writes do not depend on the read models").isEqualTo(201);
            long position = written.json().path("position").asLong();

            Await.until("the ledger projection reports the error", Duration.ofSeconds(30),
                        () -> "ERROR".equals(http.get("/api/admin/projections/ledger").text("status")));
            JsonNode ledger = http.get("/api/admin/projections/ledger").json();
            JsonNode error = ledger.path("errors").get(0);
            assertThat(error.path("projection").asString()).isEqualTo("ledger");
            assertThat(error.path("segment").asInt()).isZero();
            assertThat(error.path("position").asLong()).isEqualTo(position);
            assertThat(error.path("eventType").asString()).isEqualTo("FacilityRegistered");
            assertThat(error.path("reason").asString()).contains("facility_view is closed for maintenance")
                                                      .doesNotContainIgnoringCase("insert into")
                                                      .doesNotContain("org.", "Exception");
            assertThat(error.path("attempts").asInt()).isPositive();
            JsonNode listed = http.get("/api/admin/projections").json().path("projections").get(0);
            assertThat(listed.path("status").asString()).isEqualTo("ERROR");
            assertThat(listed.path("errors").get(0).path("position").asLong()).isEqualTo(position);

            // Every read answers 503 at once, naming the projection; not the 10 s read-your-writes wait.
            for (String path : new String[] {"/api/facilities/" + known, "/api/facilities/" + refused, "/api/flags"}) {
                Http.Response read = http.get(path);
                assertProblem(read, 503, "read-models-stalled");
                assertThat(read.json().path("projection").asString()).isEqualTo("ledger");
                assertThat(read.text("detail")).contains("position " + position).contains("FacilityRegistered");
                assertThat(read.header("Retry-After")).isNotBlank();
                assertThat(read.body()).doesNotContain("insert into", "org.", "Exception");
            }
            // A client that never wrote anything is refused too: the read models are stale for everyone.
            assertProblem(as(org.provenance.ledger.api.support.TestUsers.COMPLIANCE).get("/api/flags"), 503,
                          "read-models-stalled");

            Http.Response health = http.get("/actuator/health");
            assertThat(health.status()).isEqualTo(503);
            JsonNode projections = health.json().path("components").path("projections");
            assertThat(projections.path("status").asString()).isEqualTo("DOWN");
            assertThat(projections.path("details").path("ledger").path("reason").asString())
                    .contains("position " + position).contains("FacilityRegistered").contains("closed for maintenance");
        } finally {
            jdbc.sql("drop trigger if exists refuse_facility on facility_view").update();
            jdbc.sql("drop function if exists refuse_facility()").update();
        }

        // Axon retries the same batch with back-off: once the cause is gone it goes on, skipping nothing.
        Await.until("the refused facility is projected", Duration.ofSeconds(120),
                    () -> http.get("/api/facilities/" + refused).status() == 200);
        assertThat(http.get("/api/facilities/" + refused).text("name")).isEqualTo("Stalled Mine");
        assertThat(http.get("/api/facilities/" + known).status()).isEqualTo(200);
        JsonNode ledger = http.get("/api/admin/projections/ledger").json();
        assertThat(ledger.path("status").asString()).isIn("RUNNING", "CATCHING_UP");
        assertThat(ledger.path("errors")).isEmpty();
        Await.until("health is UP again", Duration.ofSeconds(30),
                    () -> "UP".equals(http.get("/actuator/health").text("status")));
    }

    @Test
    void a_rebuilding_read_model_answers_503_never_an_empty_list_or_a_404() throws Exception {
        String known = facility("MINE", "AU");
        assertThat(http.get("/api/facilities/" + known).status()).isEqualTo(200);
        // The rebuild's first insert waits for a lock this test holds: the rebuild stays under way.
        jdbc.sql("""
                 create function hold_rebuild() returns trigger language plpgsql as $$
                 begin perform pg_advisory_xact_lock_shared(7021); return new; end $$""").update();
        try (Connection holder = dataSource.getConnection(); Statement lock = holder.createStatement()) {
            lock.execute("select pg_advisory_lock(7021)");
            jdbc.sql("create trigger hold_rebuild before insert on facility_view for each row execute function hold_rebuild()")
                .update();
            try {
                Http.Response replay = http.post("/api/admin/projections/ledger/replay", "");
                assertThat(replay.status()).as(replay.body()).isEqualTo(202);

                for (String path : new String[] {"/api/facilities/" + known, "/api/flags"}) {
                    Http.Response read = as(org.provenance.ledger.api.support.TestUsers.COMPLIANCE).get(path);
                    assertProblem(read, 503, "read-models-rebuilding");
                    assertThat(read.header("Retry-After")).isNotBlank();
                }
                Http.Response health = http.get("/actuator/health");
                assertThat(health.json().path("components").path("projections").path("details")
                                 .path("rebuilding").asBoolean()).isTrue();
                assertThat(http.get("/api/admin/projections/ledger").text("status")).isEqualTo("REPLAYING");
            } finally {
                lock.execute("select pg_advisory_unlock(7021)");
            }
        } finally {
            jdbc.sql("drop trigger if exists hold_rebuild on facility_view").update();
            jdbc.sql("drop function if exists hold_rebuild()").update();
        }
        Await.until("the rebuild has finished", Duration.ofSeconds(120),
                    () -> http.get("/api/facilities/" + known).status() == 200);
        assertThat(http.get("/api/facilities/" + known).text("name")).isEqualTo("MINE AU");
    }
}
