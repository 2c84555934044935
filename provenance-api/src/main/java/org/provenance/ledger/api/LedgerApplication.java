package org.provenance.ledger.api;

import org.provenance.ledger.audit.chain.VerifyExportCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Properties;

@SpringBootApplication(scanBasePackages = {"org.provenance.ledger.api", "org.provenance.ledger.projections",
                                           "org.provenance.ledger.audit.server"})
@ConfigurationPropertiesScan
public class LedgerApplication {

    public static void main(String[] args) {
        // The auditor's offline check, help and version run without Spring: no database, no port.
        if (args.length > 0 && VerifyExportCommand.NAME.equals(args[0])) {
            System.exit(VerifyExportCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            help(System.out);
            System.exit(0);
        }
        if (Arrays.asList(args).contains("--version")) {
            System.out.println("provenance-ledger " + version());
            System.exit(0);
        }
        SpringApplication.run(LedgerApplication.class, args);
    }

    static void help(PrintStream out) {
        out.println("""
                provenance-ledger %s: an event-sourced chain-of-custody ledger for critical minerals

                Usage:
                  java -jar provenance-api.jar [--setting=value ...]   start the ledger (HTTP, port 8080)
                  java -jar provenance-api.jar --demo                  start it and load a sample supply chain
                  java -jar provenance-api.jar %s EXPORT --public-key KEY --checkpoint CHECKPOINT
                                                                       verify an audit export offline
                  java -jar provenance-api.jar --version               print the version
                  java -jar provenance-api.jar --help                  print this help

                Common settings (any setting may also be an environment variable, e.g. SPRING_DATASOURCE_URL):
                  --spring.datasource.url=jdbc:postgresql://HOST:5432/DB   an external PostgreSQL (15+);
                      without it an embedded PostgreSQL keeps its data in ./data/postgres
                  --spring.datasource.username=USER --spring.datasource.password=SECRET
                  --server.port=8080                 HTTP port (or environment variable PORT)
                  --ledger.home-bloc=ALLIES          the bloc purchases are evaluated against
                  --ledger.security.local-users.NAME.password={bcrypt}...  .roles=...  .facilities=...

                Health: /actuator/health/liveness and /actuator/health/readiness (no authentication).
                SIGTERM stops it gracefully: requests in flight are answered first.
                Documentation: README.md and docs/DESIGN.md.""".formatted(version(), VerifyExportCommand.NAME));
    }

    /** From the build (META-INF/build-info.properties, written by the Spring Boot Maven plugin). */
    static String version() {
        try (InputStream in = LedgerApplication.class.getResourceAsStream("/META-INF/build-info.properties")) {
            if (in != null) {
                Properties build = new Properties();
                build.load(in);
                return build.getProperty("build.version", "unknown");
            }
        } catch (IOException e) {
            // fall through: the version is informative, not worth failing over
        }
        String manifest = LedgerApplication.class.getPackage().getImplementationVersion();
        return manifest == null ? "unknown" : manifest;
    }
}
