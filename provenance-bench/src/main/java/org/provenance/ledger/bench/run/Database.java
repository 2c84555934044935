package org.provenance.ledger.bench.run;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A PostgreSQL server the benchmark creates fresh databases on (and drops them at the end). */
public final class Database {

    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?");

    private final String serverUrl;
    private final String user;
    private final String password;

    public Database(String serverUrl, String user, String password) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        if (!URL.matcher(serverUrl).matches()) {
            throw new IllegalArgumentException("not a jdbc:postgresql://host:port/database URL: " + serverUrl);
        }
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The URL of another database on the same server, with the same parameters. */
    public String urlOf(String database) {
        Matcher m = URL.matcher(serverUrl);
        m.matches();
        return m.group(1) + database + (m.group(3) == null ? "" : m.group(3));
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(serverUrl, user, password);
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(urlOf(database), user, password);
    }

    public void create(String database) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("create database " + database);
        }
    }

    public void drop(String database) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
        } catch (SQLException e) {
            System.err.println("could not drop database " + database + ": " + e.getMessage());
        }
    }

    public long queryLong(String database, String sql) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public String queryString(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    public String setting(String name) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("select current_setting(?)")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            return "?";
        }
    }

    /** Rows in a ledger database's event table. */
    public long events(String database) throws SQLException {
        return queryLong(database, "select count(*) from domain_event_entry");
    }
}
