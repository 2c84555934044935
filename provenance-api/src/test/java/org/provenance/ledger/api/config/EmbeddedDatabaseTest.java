package org.provenance.ledger.api.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.provenance.ledger.api.LedgerApplication;
import org.provenance.ledger.api.support.Http;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** README command 1's path: no database configured, so the ledger brings its own and keeps its data. */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path keyDir;

    /**
     * Also the first-run experience: with no user configured, the ledger prints a bootstrap admin
     * password once on the console; it is a new one at every start, and no log line carries it.
     */
    @Test
    void what_was_recorded_survives_a_restart_of_the_ledger(CapturedOutput output) {
        String firstPassword;
        try (ConfigurableApplicationContext first = start()) {
            firstPassword = bootstrapPassword(output.getOut(), 0);
            assertThat(new Http(port(first)).get("/api/facilities/MINE-1").status()).isEqualTo(401);
            Http http = new Http(port(first)).basic("admin", firstPassword);
            Http.Response created = http.post("/api/facilities", """
                    {"id": "MINE-1", "name": "Survivor Mine", "kind": "MINE", "country": "AU"}""");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(http.get("/api/lots/MINE-1/events").status()).as("the bootstrap admin holds every role")
                                                                     .isEqualTo(404);
        }
        assertThat(Files.exists(dataDir.resolve("PG_VERSION"))).isTrue();

        try (ConfigurableApplicationContext second = start()) {
            String secondPassword = bootstrapPassword(output.getOut(), 1);
            assertThat(secondPassword).isNotEqualTo(firstPassword);
            assertThat(new Http(port(second)).basic("admin", firstPassword).get("/api/facilities/MINE-1").status())
                    .isEqualTo(401);
            Http.Response read = new Http(port(second)).basic("admin", secondPassword).get("/api/facilities/MINE-1");
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.text("name")).isEqualTo("Survivor Mine");
            assertThat(output.getAll().lines().filter(line -> line.contains(secondPassword))).hasSize(1);
            assertThat(output.getAll().lines().filter(line -> line.contains(secondPassword)).findFirst().orElseThrow())
                    .doesNotContain("INFO", "WARN", "ERROR");
        }
    }

    private static String bootstrapPassword(String console, int occurrence) {
        Matcher matcher = Pattern.compile("created user 'admin' .* with the password: (\\S+)").matcher(console);
        for (int i = 0; i <= occurrence; i++) {
            assertThat(matcher.find()).as("bootstrap password printed at start " + (i + 1)).isTrue();
        }
        return matcher.group(1);
    }

    private ConfigurableApplicationContext start() {
        // Command-line arguments outrank application.yml, as they would for a user.
        return new SpringApplicationBuilder(LedgerApplication.class)
                .run("--server.port=0", "--ledger.embedded-db.data-dir=" + dataDir, "--spring.datasource.url=",
                     "--ledger.audit.key-dir=" + keyDir);
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
