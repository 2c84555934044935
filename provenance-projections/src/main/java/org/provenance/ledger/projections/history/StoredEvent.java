package org.provenance.ledger.projections.history;

import tools.jackson.databind.JsonNode;

import java.time.Instant;

/** One event as stored: its type is the simple name of its payload class. */
public record StoredEvent(long position, String streamId, long sequence, String type, Instant timestamp,
                          String eventId, JsonNode metadata, JsonNode payload) {
}
