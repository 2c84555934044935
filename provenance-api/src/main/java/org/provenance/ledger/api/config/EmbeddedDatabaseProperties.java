package org.provenance.ledger.api.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * The embedded PostgreSQL used when no spring.datasource.url is configured.
 *
 * @param dataDir where the database files live; they survive restarts
 * @param port    0 picks a free port at each start
 */
@ConfigurationProperties("ledger.embedded-db")
public record EmbeddedDatabaseProperties(Path dataDir, Integer port) {

    public EmbeddedDatabaseProperties {
        dataDir = dataDir == null ? Path.of("data", "postgres") : dataDir;
        port = port == null ? 0 : port;
    }
}
