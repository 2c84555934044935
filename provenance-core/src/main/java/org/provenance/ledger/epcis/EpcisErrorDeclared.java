package org.provenance.ledger.epcis;

/**
 * A captured EPCIS event was declared in error (its errorDeclaration, as sent). What the ledger
 * did about it, a transfer's void, is recorded in the same commit on the lot's stream.
 */
public record EpcisErrorDeclared(String ledgerId, String eventId, String reason, String declaration) {
}
