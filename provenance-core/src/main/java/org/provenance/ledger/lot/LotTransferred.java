package org.provenance.ledger.lot;

import java.math.BigDecimal;
import java.time.Instant;

/** Custody of the lot's whole remaining mass passed on. unitPrice is null for a transfer without a price. */
public record LotTransferred(String transferId, String lotId, String fromFacilityId, String toFacilityId,
                             BigDecimal massKg, UnitPrice unitPrice, Instant occurredAt) implements LotEvent {
}
