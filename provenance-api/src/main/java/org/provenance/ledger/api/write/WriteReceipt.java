package org.provenance.ledger.api.write;

/** The answer to an acknowledged write: what it recorded, and the global position of its last event. */
public record WriteReceipt(String id, long position) {
}
