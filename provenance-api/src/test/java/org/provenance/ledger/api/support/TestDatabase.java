package org.provenance.ledger.api.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL the tests run against, one fresh database per test JVM.
 * <p>
 * With LEDGER_TEST_PG_URL set (a JDBC URL of an existing server's maintenance database, e.g.
 * jdbc:postgresql://127.0.0.1:5432/postgres, with LEDGER_TEST_PG_USER and LEDGER_TEST_PG_PASSWORD),
 * a new database is created there and dropped when the JVM exits. Without it, an embedded
 * PostgreSQL is started, so the tests pass on a machine with no database installed.
 */
public final class TestDatabase {

    public record Coordinates(String url, String user, String password) {
    }

    private static Coordinates coordinates;
    /** The server's maintenance database, where further databases are created. */
    private static Coordinates server;

    private TestDatabase() {
    }

    public static synchronized Coordinates get() {
        if (coordinates == null) {
            String server = System.getenv("LEDGER_TEST_PG_URL");
            coordinates = server == null || server.isBlank() ? embedded() : external(server);
        }
        return coordinates;
    }

    /**
     * Another empty database on the same server, dropped when the JVM exits: for a ledger that
     * must start from nothing (a README walk-through with fixed ids) beside the shared one.
     */
    public static synchronized Coordinates fresh(String prefix) {
        get();
        String database = prefix + "_" + System.currentTimeMillis() + "_" + ProcessHandle.current().pid();
        return create(server, database);
    }

    private static Coordinates external(String serverUrl) {
        server = new Coordinates(serverUrl, envOr("LEDGER_TEST_PG_USER", "postgres"), envOr("LEDGER_TEST_PG_PASSWORD", ""));
        return create(server, "ledger_test_" + System.currentTimeMillis() + "_" + ProcessHandle.current().pid());
    }

    private static Coordinates create(Coordinates server, String database) {
        execute(server.url(), server.user(), server.password(), "create database " + database);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                execute(server.url(), server.user(), server.password(), "drop database if exists " + database + " with (force)");
            } catch (IllegalStateException e) {
                // An embedded server may already be gone with the JVM; its databases go with it.
            }
        }));
        String base = server.url().substring(0, server.url().lastIndexOf('/') + 1);
        String query = server.url().contains("?") ? server.url().substring(server.url().indexOf('?')) : "";
        return new Coordinates(base + database + query, server.user(), server.password());
    }

    private static Coordinates embedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temporary directory goes with it
                }
            }));
            String url = postgres.getJdbcUrl("postgres", "postgres");
            server = new Coordinates(url, "postgres", "");
            execute(url, "postgres", "", "create database ledger_test");
            return new Coordinates(postgres.getJdbcUrl("postgres", "ledger_test"), "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL for the tests", e);
        }
    }

    private static void execute(String url, String user, String password, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Test database set-up failed: " + sql, e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
