package org.provenance.ledger.api.webhook;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/** Queues webhook POSTs in {@code webhook_delivery}; the {@link WebhookDispatcher} sends them. */
@Component
public class WebhookOutbox {

    public static final String EPCIS_SUBSCRIPTION = "EPCIS_SUBSCRIPTION";
    public static final String FLAG_WEBHOOK = "FLAG_WEBHOOK";

    private final JdbcTemplate jdbc;

    public WebhookOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues one POST; in the caller's transaction when it has one. */
    public void enqueue(String targetKind, String targetId, String body) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("""
                insert into webhook_delivery (target_kind, target_id, body, next_attempt_at, created_at)
                values (?, ?, ?, ?, ?)""", targetKind, targetId, body, now, now);
    }

    /** A deleted target's queued POSTs go nowhere: dropped in the deleting transaction. */
    public void dropPending(String targetKind, String targetId) {
        jdbc.update("delete from webhook_delivery where target_kind = ? and target_id = ? and delivered_at is null "
                    + "and failed_at is null", targetKind, targetId);
    }
}
