package org.provenance.ledger.lot;

import java.math.BigDecimal;
import java.time.Instant;

public record LotExtracted(String lotId, String mineId, String mineral, String form, BigDecimal massKg,
                           Instant occurredAt) implements LotEvent {
}
