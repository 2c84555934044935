package org.provenance.ledger.api.fault;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL of the fault test's own, which it may stop and start again: never the shared
 * server the other tests (and other people's tests on the same machine) use. The data directory
 * and port stay the same across a stop and a start, as for a database server that restarts, so
 * the ledger's connection settings remain valid.
 */
final class OwnPostgres implements AutoCloseable {

    static final String DATABASE = "ledger";

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres server;

    OwnPostgres(Path dataDir) {
        this.dataDir = dataDir;
        this.port = freePort();
    }

    synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = EmbeddedPostgres.builder()
                                     .setDataDirectory(dataDir)
                                     .setCleanDataDirectory(false)
                                     .setPort(port)
                                     // A 2xx must survive what the test does; keep the server's default durability.
                                     .setServerConfig("synchronous_commit", "on")
                                     .setServerConfig("fsync", "on")
                                     .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the fault test's PostgreSQL on port " + port, e);
        }
        try (Connection connection = DriverManager.getConnection(adminUrl(), "postgres", "");
             Statement statement = connection.createStatement()) {
            if (!statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'").next()) {
                statement.execute("create database " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fast shutdown (pg_ctl stop -m fast): sessions are ended, committed data stays. */
    synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            server = null;
        }
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    private String adminUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", "");
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
