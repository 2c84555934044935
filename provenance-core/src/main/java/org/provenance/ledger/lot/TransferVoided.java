package org.provenance.ledger.lot;

import java.time.Instant;

/**
 * A recorded transfer did not happen (SPEC 12). The transfer stays in the history, shown as voided;
 * custody is the seller's again. occurredAt is the voided transfer's business time: the void undoes
 * that instant, it does not happen later in the lot's life.
 */
public record TransferVoided(String transferId, String lotId, String fromFacilityId, String toFacilityId,
                             String reason, Instant occurredAt) implements LotEvent {
}
