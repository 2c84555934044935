package org.provenance.ledger.lot;

import java.math.BigDecimal;
import java.time.Instant;

/** The lot came out of a transformation at the facility, which holds it. */
public record LotProduced(String lotId, String transformationId, String facilityId, String mineral, String form,
                          BigDecimal massKg, Instant occurredAt) implements LotEvent {
}
