package org.provenance.ledger.lot;

import java.math.BigDecimal;
import java.time.Instant;

/** declaredOrigin is null when the custodian declared none. */
public record LotRegistered(String lotId, String custodianId, String mineral, String form, BigDecimal massKg,
                            String declaredOrigin, Instant occurredAt) implements LotEvent {
}
