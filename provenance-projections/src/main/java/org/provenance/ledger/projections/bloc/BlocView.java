package org.provenance.ledger.projections.bloc;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

public record BlocView(String id, String name, List<Member> members, List<PriceFloor> priceFloors) {

    public record Member(String country, Instant effectiveFrom, Instant effectiveUntil) {
    }

    public record PriceFloor(String mineral, String form, String currency, BigDecimal pricePerKg, Instant effectiveFrom) {
    }
}
