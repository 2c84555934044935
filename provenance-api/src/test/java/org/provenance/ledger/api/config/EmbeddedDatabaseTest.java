package org.provenance.ledger.api.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenance.ledger.api.LedgerApplication;
import org.provenance.ledger.api.support.Http;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** README command 1's path: no database configured, so the ledger brings its own and keeps its data. */
class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path keyDir;

    @Test
    void what_was_recorded_survives_a_restart_of_the_ledger() {
        try (ConfigurableApplicationContext first = start()) {
            Http http = new Http(port(first));
            Http.Response created = http.post("/api/facilities", """
                    {"id": "MINE-1", "name": "Survivor Mine", "kind": "MINE", "country": "AU"}""");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        assertThat(Files.exists(dataDir.resolve("PG_VERSION"))).isTrue();

        try (ConfigurableApplicationContext second = start()) {
            Http.Response read = new Http(port(second)).get("/api/facilities/MINE-1");
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.text("name")).isEqualTo("Survivor Mine");
        }
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
