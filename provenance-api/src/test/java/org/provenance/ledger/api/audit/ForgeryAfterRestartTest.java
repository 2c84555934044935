package org.provenance.ledger.api.audit;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenance.ledger.api.support.Await;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.LedgerProcess;
import org.provenance.ledger.api.support.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forgeries of issue 14 done with SQL while the ledger is stopped: started again on the same
 * database, the ledger finds every one of them, in the background within seconds, and one by one (each
 * first in position order, undone before the next) through GET /api/audit/verify and the offline verifier
 * on a fresh export; the altered lot refuses the next write on its stream.
 */
class ForgeryAfterRestartTest {

    @TempDir
    static Path work;

    private static LedgerProcess ledger;

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void every_forgery_made_while_the_ledger_was_stopped_is_found_after_it_restarts() {
        TestDatabase.Coordinates db = TestDatabase.fresh("ledger_forged_offline");
        Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("classpath:db/migration")
              .load().migrate();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.user(), db.password());
        JdbcClient jdbc = JdbcClient.create(dataSource);
        Forgeries forgeries = new Forgeries(dataSource);
        List<String> arguments = List.of(
                "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(), "--ledger.audit.key-dir=" + work.resolve("keys"),
                "--ledger.audit.gap-grace=2s", "--ledger.audit.chain-interval=50ms",
                "--ledger.security.local-users.tester.password={noop}tester-secret",
                "--ledger.security.local-users.tester.roles=ADMIN,OPERATOR,COMPLIANCE,AUDITOR",
                "--ledger.security.local-users.tester.facilities=*");

        ledger = LedgerProcess.start(work.resolve("ledger"), work.resolve("ledger.log"), arguments);
        Http http = ledger.http().basic("tester", "tester-secret");
        facility(http, "MINE-1", "MINE", "AU");
        facility(http, "BUY-1", "BUYER", "US");
        facility(http, "FORGER-1", "BUYER", "US");
        long[] a = lot(http, jdbc, "A", "111.5");
        long[] b = lot(http, jdbc, "B", "222.5");
        long[] d = lot(http, jdbc, "D", "333.5");
        long gap = forgeries.burnPosition();
        long[] c = lot(http, jdbc, "C", "444.5");
        Await.until("everything is chained", Duration.ofSeconds(60), () -> {
            Http.Response verify = http.get("/api/audit/verify");
            return verify.json().path("intact").asBoolean() && verify.json().path("headPosition").asLong() == c[1];
        });
        ledger.close();
        ledger = null;

        List<Forgeries.Forgery> forged = List.of(
                forgeries.alterPayload(a[0], "111.5", "1111.5"),
                forgeries.alterMetadata(b[0]),
                forgeries.swapRows(d[0], d[1]),
                forgeries.insertIntoGap(gap, a[1]),
                forgeries.deleteRow(c[0]),
                forgeries.insertThroughSequence(c[1], "BUY-1", "FORGER-1"));

        ledger = LedgerProcess.start(work.resolve("ledger"), work.resolve("ledger.log"), arguments);
        Http again = ledger.http().basic("tester", "tester-secret");
        for (Forgeries.Forgery forgery : forged) {
            Forgeries.awaitAlarm(again, forgery);
        }
        assertThat(ledger.logTail()).contains("TAMPERING DETECTED at position " + a[0]);

        Http.Response refused = again.post("/api/transfers", """
                {"id": "T-A-2", "lotId": "A", "fromFacilityId": "BUY-1", "toFacilityId": "FORGER-1"}""");
        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.text("type")).isEqualTo("/problems/tampered-stream");

        for (Forgeries.Forgery forgery : forged) {
            Forgeries.assertVerifyReports(again, forgery);
            Forgeries.assertOfflineVerifierReports(again, work, forgery);
            forgery.repair().run();
        }
        Http.Response verify = again.get("/api/audit/verify");
        assertThat(verify.json().path("intact").asBoolean()).as(verify.body()).isTrue();
    }

    private static void facility(Http http, String id, String kind, String country) {
        Http.Response r = http.post("/api/facilities", """
                {"id": "%s", "name": "%s", "kind": "%s", "country": "%s"}""".formatted(id, id, kind, country));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** Extracts a lot at MINE-1 and transfers it to BUY-1; the positions of both events. */
    private static long[] lot(Http http, JdbcClient jdbc, String lot, String massKg) {
        Http.Response extracted = http.post("/api/lots/extractions", """
                {"lotId": "%s", "mineId": "MINE-1", "mineral": "REE", "form": "ore", "massKg": %s}"""
                .formatted(lot, massKg));
        assertThat(extracted.status()).as(extracted.body()).isEqualTo(201);
        Http.Response moved = http.post("/api/transfers", """
                {"id": "T-%s", "lotId": "%s", "fromFacilityId": "MINE-1", "toFacilityId": "BUY-1"}"""
                .formatted(lot, lot));
        assertThat(moved.status()).as(moved.body()).isEqualTo(201);
        return new long[]{extracted.json().path("position").asLong(), moved.json().path("position").asLong()};
    }
}
