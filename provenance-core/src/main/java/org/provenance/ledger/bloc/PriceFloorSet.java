package org.provenance.ledger.bloc;

import java.math.BigDecimal;
import java.time.Instant;

public record PriceFloorSet(String blocId, String mineral, String form, String currency, BigDecimal pricePerKg,
                            Instant effectiveFrom) implements BlocEvent {
}
