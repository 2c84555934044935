package org.provenance.ledger.epcis;

/**
 * An EPCIS 2.0 event was captured (SPEC 11). The payload is the event exactly as it is served
 * back (its JSON text, with the recordTime the ledger gave it), so the audit chain covers what
 * clients read; the ledger events it mapped to, if any, follow it in the same commit.
 */
public record EpcisEventCaptured(String ledgerId, String eventId, String eventType, String captureId,
                                 String document) {
}
