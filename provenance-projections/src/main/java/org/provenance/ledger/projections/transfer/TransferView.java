package org.provenance.ledger.projections.transfer;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * priceAmount and priceCurrency are null for a transfer recorded without a price; voidedAt (record time)
 * and voidReason are null unless the transfer was voided (it is kept, shown as voided).
 */
public record TransferView(String id, String lotId, String fromFacilityId, String toFacilityId, BigDecimal massKg,
                           BigDecimal priceAmount, String priceCurrency, Instant occurredAt, boolean voided,
                           Instant voidedAt, String voidReason) {
}
