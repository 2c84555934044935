package org.provenance.ledger.projections.facility;

import java.math.BigDecimal;
import java.util.List;

/** A facility's mass flows per mineral and form, in kilograms. */
public record MassBalance(String facilityId, List<Line> lines) {

    public record Line(String mineral, String form, BigDecimal receivedKg, BigDecimal extractedKg,
                       BigDecimal producedKg, BigDecimal consumedKg, BigDecimal transferredOutKg, BigDecimal onHandKg) {
    }
}
