package org.provenance.ledger.api.nodes;

import org.provenance.ledger.api.web.DatabaseUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This node's row in {@code ledger_node}, refreshed every {@link #HEARTBEAT}, and how many nodes are
 * live (seen within the claim timeout): what the pooled projection segments are shared out by. The
 * node id is also the owner the token store writes on this node's claims, so an operator can match
 * {@code token_entry.owner} to a node.
 * <p>
 * While the database cannot be reached the last count is kept: segments are not shuffled because of
 * an outage every node sees alike.
 */
public class LedgerNodes implements SmartLifecycle {

    static final Duration HEARTBEAT = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(LedgerNodes.class);

    private final JdbcClient jdbc;
    private final String nodeId;
    private final Duration liveWithin;
    private final AtomicInteger live = new AtomicInteger(1);
    private ScheduledExecutorService beats;
    private volatile boolean running;

    public LedgerNodes(JdbcClient jdbc, String nodeId, Duration liveWithin) {
        this.jdbc = jdbc;
        this.nodeId = nodeId;
        this.liveWithin = liveWithin;
    }

    /** The JVM's name ("pid@host"), which is also Axon's default token owner: unique per process and host. */
    public static String defaultNodeId() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }

    public String nodeId() {
        return nodeId;
    }

    /** Live nodes, this one included (at least 1). */
    public int live() {
        return live.get();
    }

    void beat() {
        try {
            jdbc.sql("""
                     insert into ledger_node (node_id, started_at, last_seen) values (?, now(), now())
                     on conflict (node_id) do update set last_seen = now()""").param(nodeId).update();
            int count = jdbc.sql("select count(*) from ledger_node where last_seen > now() - make_interval(secs => ?)")
                            .param(liveWithin.toMillis() / 1000.0).query(Integer.class).single();
            int before = live.getAndSet(Math.max(1, count));
            if (before != Math.max(1, count)) {
                log.info("Ledger nodes live on this database: {} (this node: {})", Math.max(1, count), nodeId);
            }
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.causedBy(e)) {
                log.warn("Could not record this node's heartbeat: {}", e.toString());
            }
        }
    }

    @Override
    public synchronized void start() {
        try {
            // Rows of nodes long gone (killed, never stopped) would otherwise stay forever.
            jdbc.sql("delete from ledger_node where last_seen < now() - interval '1 day'").update();
        } catch (RuntimeException e) {
            log.debug("Could not clear old node rows", e);
        }
        beat();
        beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ledger-node-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        beats.scheduleWithFixedDelay(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    /** A node that stops leaves at once, so the others take its segments without waiting for the claim timeout. */
    @Override
    public synchronized void stop() {
        running = false;
        if (beats != null) {
            beats.shutdownNow();
            beats = null;
        }
        try {
            jdbc.sql("delete from ledger_node where node_id = ?").param(nodeId).update();
        } catch (RuntimeException e) {
            log.debug("Could not remove this node's row", e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before Axon's processors (so the first share is right) and stops after them. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
