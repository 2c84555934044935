package org.provenance.ledger.api.webhook;

/** Turns something that happened into queued deliveries; run by the dispatcher before each round. */
public interface WebhookFeeder {
    void feed();
}
