package org.provenance.ledger.bench.run;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.sql.SQLException;
import java.time.Duration;

/**
 * A running ledger under test: the product (provenance-api) or the stock Axon comparator, its
 * process, its HTTP client and its database.
 */
public final class Target {

    /** Where the projections stand. */
    public record Status(long head, long position, boolean caughtUp, boolean replayDone, double replayProgress) {
        public boolean current() {
            return caughtUp && position >= head;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final boolean stock;
    private final Subprocess process;
    private final LedgerClient client;
    private final Database db;
    private final String database;

    public Target(String name, boolean stock, Subprocess process, LedgerClient client, Database db, String database) {
        this.name = name;
        this.stock = stock;
        this.process = process;
        this.client = client;
        this.db = db;
        this.database = database;
    }

    public String name() {
        return name;
    }

    public boolean stock() {
        return stock;
    }

    public Subprocess process() {
        return process;
    }

    public LedgerClient client() {
        return client;
    }

    public Database db() {
        return db;
    }

    public String database() {
        return database;
    }

    /** The same ledger reached with other credentials. */
    public Target with(String otherName, LedgerClient otherClient) {
        return new Target(otherName, stock, process, otherClient, db, database);
    }

    public long events() throws SQLException {
        return db.events(database);
    }

    public Status status() throws Exception {
        if (stock) {
            JsonNode s = JSON.readTree(client.get("/stock/processors/ledger").body());
            return new Status(s.path("headPosition").asLong(), s.path("position").asLong(), s.path("caughtUp").asBoolean(),
                              true, 1);
        }
        LedgerClient.Response response = client.get("/api/admin/projections");
        if (response.status() != 200) {
            throw new IllegalStateException("GET /api/admin/projections answered " + response.status() + ": "
                                                    + response.body());
        }
        JsonNode all = JSON.readTree(response.body());
        long head = all.path("headPosition").asLong();
        for (JsonNode p : all.path("projections")) {
            if ("ledger".equals(p.path("name").asString())) {
                JsonNode replay = p.path("replay");
                boolean done = replay.isMissingNode() || replay.isNull() || replay.path("done").asBoolean();
                return new Status(head, p.path("position").asLong(), p.path("caughtUp").asBoolean(), done,
                                  replay.isObject() ? replay.path("progress").asDouble() : 1);
            }
        }
        throw new IllegalStateException("no ledger projection in " + response.body());
    }

    /** Waits until the projections have processed every event; returns the seconds it took. */
    public double awaitProjections(Duration timeout) throws Exception {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (status().current()) {
                return (System.nanoTime() - started) / 1e9;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(name + ": projections did not catch up within " + timeout.toSeconds() + " s");
    }
}
