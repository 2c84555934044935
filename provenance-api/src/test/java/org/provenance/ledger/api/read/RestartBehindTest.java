package org.provenance.ledger.api.read;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenance.ledger.api.LedgerApplication;
import org.provenance.ledger.api.support.Await;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worst case: after a restart, read models that have not caught up answered 200 with
 * an empty flag list and 404 for known facilities, which a compliance officer reads as a clean
 * bill. A node now refuses reads (503) until its projections have reached the head the event store
 * had when it started. Runs two ledgers one after the other on a database of its own.
 */
class RestartBehindTest {

    private static final String USER = "restart-tester";
    private static final String PASSWORD = "restart-secret";

    @TempDir
    Path keyDir;

    private String server;
    private String database;
    private String url;

    @BeforeEach
    void database() throws SQLException {
        TestDatabase.Coordinates shared = TestDatabase.get();
        server = shared.url();
        database = "ledger_restart_" + System.nanoTime();
        execute(server, "create database " + database);
        String base = server.substring(0, server.lastIndexOf('/') + 1);
        String query = server.contains("?") ? server.substring(server.indexOf('?')) : "";
        url = base + database + query;
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        execute(server, "drop database if exists " + database + " with (force)");
    }

    @Test
    void a_restarted_node_answers_503_until_its_read_models_have_caught_up_never_empty_or_404() throws Exception {
        String flagId;
        try (ConfigurableApplicationContext first = start()) {
            Http http = client(first);
            assertThat(http.post("/api/blocs", "{\"id\": \"HOME\", \"name\": \"Home\"}").status()).isEqualTo(201);
            assertThat(http.put("/api/blocs/HOME/members/US", "{\"effectiveFrom\": \"2000-01-01T00:00:00Z\"}").status())
                    .isEqualTo(201);
            assertThat(http.post("/api/facilities", """
                    {"id": "CN-MINE", "name": "Mine", "kind": "MINE", "country": "CN"}""").status()).isEqualTo(201);
            assertThat(http.post("/api/facilities", """
                    {"id": "US-BUYER", "name": "Buyer", "kind": "BUYER", "country": "US"}""").status()).isEqualTo(201);
            assertThat(http.post("/api/lots/extractions", """
                    {"lotId": "ORE-1", "mineId": "CN-MINE", "mineral": "REE", "form": "ore", "massKg": 5}""").status())
                    .isEqualTo(201);
            assertThat(http.post("/api/transfers", """
                    {"id": "SALE-1", "lotId": "ORE-1", "fromFacilityId": "CN-MINE", "toFacilityId": "US-BUYER"}""")
                               .status()).isEqualTo(201);
            flagId = "SALE-1:NON_BLOC_ORIGIN";
            assertThat(http.get("/api/flags/" + flagId).status()).isEqualTo(200);
        }

        // Behind at the next start, as after an upgrade that rebuilds the read models (V21) or a node
        // that stopped on an error: the read models are empty and the projection starts from the first
        // event. Its first insert waits for a lock this test holds, so the rebuild stays under way.
        try (Connection db = DriverManager.getConnection(url, user(), password());
             Statement sql = db.createStatement()) {
            sql.execute("truncate facility_view, lot_view, transfer_view, lot_composition, flag, flag_review, "
                                + "bloc_view, bloc_membership");
            sql.execute("delete from token_entry where processor_name = 'ledger'");
            sql.execute("""
                        create function hold_rebuild() returns trigger language plpgsql as $$
                        begin perform pg_advisory_xact_lock_shared(7022); return new; end $$""");
            sql.execute("create trigger hold_rebuild before insert on bloc_view for each row execute function hold_rebuild()");
            sql.execute("select pg_advisory_lock(7022)");

            try (ConfigurableApplicationContext second = start()) {
                Http http = client(second);
                Http.Response facility = http.get("/api/facilities/CN-MINE");
                assertThat(facility.status()).as(facility.body()).isEqualTo(503);
                assertThat(facility.json().path("type").asString()).isEqualTo("/problems/read-models-rebuilding");
                assertThat(facility.header("Retry-After")).isNotBlank();
                Http.Response flags = http.get("/api/flags");
                assertThat(flags.status()).as("never an empty list: " + flags.body()).isEqualTo(503);
                assertThat(http.get("/api/flags/" + flagId).status()).as("never a 404").isEqualTo(503);

                sql.execute("select pg_advisory_unlock(7022)");
                Await.until("the restarted node has caught up", Duration.ofSeconds(60),
                            () -> http.get("/api/facilities/CN-MINE").status() == 200);
                assertThat(http.get("/api/flags").json().path("items").findValuesAsString("id")).contains(flagId);
                assertThat(http.get("/api/flags/" + flagId).json().path("status").asString()).isEqualTo("OPEN");
            }
        }
    }

    private ConfigurableApplicationContext start() {
        String users = "--ledger.security.local-users." + USER;
        return new SpringApplicationBuilder(LedgerApplication.class)
                .run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=" + user(),
                     "--spring.datasource.password=" + password(), "--ledger.home-bloc=HOME",
                     "--ledger.audit.key-dir=" + keyDir, users + ".password={noop}" + PASSWORD,
                     users + ".roles=ADMIN,OPERATOR,COMPLIANCE,AUDITOR", users + ".facilities=*");
    }

    private static Http client(ConfigurableApplicationContext context) {
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        return new Http(port).basic(USER, PASSWORD);
    }

    private static String user() {
        return TestDatabase.get().user();
    }

    private static String password() {
        return TestDatabase.get().password();
    }

    private static void execute(String url, String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user(), password());
             Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }
}
