package org.provenance.ledger.lot;

import java.math.BigDecimal;
import java.time.Instant;

/** Part or all of the lot went into a transformation; remainingKg is what is left after it. */
public record LotConsumed(String lotId, String transformationId, String facilityId, BigDecimal massKg,
                          BigDecimal remainingKg, Instant occurredAt) implements LotEvent {
}
