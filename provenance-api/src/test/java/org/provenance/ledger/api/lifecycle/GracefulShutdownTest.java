package org.provenance.ledger.api.lifecycle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenance.ledger.api.support.Await;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.TestDatabase;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM (what `docker stop` and service managers send): the request in flight is answered, the
 * process exits within 5 s, and it says nothing alarming on the way out.
 */
class GracefulShutdownTest {

    @TempDir
    Path workDir;

    /** With an external PostgreSQL (production). */
    @Test
    void sigterm_finishes_the_request_in_flight_and_exits_quietly_within_five_seconds() throws Exception {
        // A database of its own: this process seals with a key of its own (its key-dir), so the shared
        // test database's events, sealed with the test context's key, would read as forged to it.
        TestDatabase.Coordinates db = TestDatabase.fresh("shutdown");
        sigterm(db, "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password());
    }

    /** With the embedded PostgreSQL (README's first command): it is stopped too, cleanly. */
    @Test
    void sigterm_also_stops_the_embedded_database_quietly_within_five_seconds() throws Exception {
        Path dataDir = workDir.resolve("postgres");
        int pgPort = LedgerProcess.freePort();
        sigterm(new TestDatabase.Coordinates("jdbc:postgresql://localhost:" + pgPort + "/ledger", "postgres", ""),
                "--spring.datasource.url=", "--ledger.embedded-db.data-dir=" + dataDir,
                "--ledger.embedded-db.port=" + pgPort);
        assertThat(Files.exists(dataDir.resolve("postmaster.pid"))).as("the embedded PostgreSQL stopped").isFalse();
    }

    private void sigterm(TestDatabase.Coordinates db, String... database) throws Exception {
        int port = LedgerProcess.freePort();
        List<String> args = new java.util.ArrayList<>(List.of(database));
        args.addAll(List.of(
                "--server.port=" + port,
                "--ledger.audit.key-dir=" + workDir.resolve("keys"),
                "--ledger.security.local-users.loader.password={noop}loader-secret",
                "--ledger.security.local-users.loader.roles=ADMIN",
                "--ledger.security.local-users.loader.facilities=*"));
        try (LedgerProcess ledger = LedgerProcess.start(workDir, args.toArray(String[]::new))) {
            Http http = new Http(port);
            Await.until("the ledger is ready", Duration.ofSeconds(90),
                        () -> !ledger.isAlive() || answers(http, "/actuator/health/readiness") == 200);
            assertThat(ledger.isAlive()).as(ledger.output()).isTrue();

            String firstId = "SHUTDOWN-" + java.util.UUID.randomUUID().toString().substring(0, 8);
            String first = facilityLine(firstId);
            String second = facilityLine("SHUTDOWN-" + java.util.UUID.randomUUID().toString().substring(0, 8));
            try (Socket socket = new Socket("localhost", port)) {
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                String credentials = Base64.getEncoder().encodeToString("loader:loader-secret".getBytes());
                out.write(("POST /api/batches HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + credentials
                        + "\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n")
                                  .getBytes(StandardCharsets.US_ASCII));
                chunk(out, first);
                Await.until("the first line of the batch is recorded", Duration.ofSeconds(20),
                            () -> recorded(db, firstId));

                ledger.terminate();
                long signalled = System.nanoTime();
                Await.until("the ledger starts its graceful shutdown", Duration.ofSeconds(5),
                            () -> ledger.output().contains("Commencing graceful shutdown"));
                chunk(out, second);
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String answer = readAll(socket.getInputStream());

                assertThat(answer).startsWith("HTTP/1.1 200");
                assertThat(answer).contains("\"summary\":{\"lines\":2,\"succeeded\":2,\"failed\":0}");
                assertThat(ledger.awaitExit(Duration.ofSeconds(5).minusNanos(System.nanoTime() - signalled)))
                        .as("exited within 5 s of SIGTERM:\n" + ledger.output()).isTrue();
                assertThat(ledger.exitCode()).as("the exit status of a process ended by SIGTERM").isEqualTo(143);
            }
            String output = ledger.output();
            assertThat(output.lines().filter(line -> line.contains("Exception") || line.startsWith("\tat ")).toList())
                    .as("no exception or stack trace from start to exit:\n" + output).isEmpty();
            String shutdown = output.substring(output.indexOf("Commencing graceful shutdown"));
            assertThat(shutdown.lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")).toList())
                    .as(shutdown).isEmpty();
        }
    }

    private static String facilityLine(String id) {
        return "{\"type\":\"facility\",\"id\":\"" + id + "\",\"name\":\"Shutdown mine\",\"kind\":\"MINE\","
                + "\"country\":\"AU\"}\n";
    }

    private static void chunk(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            answer.write(buffer, 0, read);
            if (answer.toString(StandardCharsets.UTF_8).contains("\"summary\"")) {
                break;
            }
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    private static int answers(Http http, String path) {
        try {
            return http.get(path).status();
        } catch (IllegalStateException notListeningYet) {
            return -1;
        }
    }

    /** Whether the facility's first event is committed (the table may not exist yet while Flyway runs). */
    private static boolean recorded(TestDatabase.Coordinates db, String facilityId) {
        try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
             java.sql.PreparedStatement query = connection.prepareStatement(
                     "select count(*) from domain_event_entry where aggregate_identifier = ?")) {
            query.setString(1, "facility/" + facilityId);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        } catch (SQLException notThereYet) {
            return false;
        }
    }
}
