package org.provenance.ledger.api.lifecycle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** `--help` and `--version` answer and exit: they start no server and no database. */
class CommandLineTest {

    @TempDir
    Path workDir;

    @Test
    void help_prints_usage_and_starts_nothing() {
        try (LedgerProcess ledger = LedgerProcess.start(workDir, "--help")) {
            assertThat(ledger.awaitExit(Duration.ofSeconds(30))).as("exited").isTrue();
            assertThat(ledger.exitCode()).isZero();
            String output = ledger.output();
            assertThat(output).contains("Usage:", "--spring.datasource.url", "verify-export", "/actuator/health/readiness");
            assertStartedNothing(output);
        }
    }

    @Test
    void version_prints_the_build_version_and_starts_nothing() {
        try (LedgerProcess ledger = LedgerProcess.start(workDir, "--version")) {
            assertThat(ledger.awaitExit(Duration.ofSeconds(30))).as("exited").isTrue();
            assertThat(ledger.exitCode()).isZero();
            String output = ledger.output();
            assertThat(output.strip()).matches("provenance-ledger \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
            assertStartedNothing(output);
        }
    }

    private void assertStartedNothing(String output) {
        assertThat(output).doesNotContain("Starting LedgerApplication", "Tomcat", "Starting embedded PostgreSQL", "INFO");
        // an embedded database would have created its data directory in the working directory
        assertThat(Files.exists(workDir.resolve("data"))).isFalse();
    }
}
