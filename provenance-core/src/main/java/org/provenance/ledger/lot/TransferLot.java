package org.provenance.ledger.lot;

import org.provenance.ledger.common.ValidatedCommand;
import org.provenance.ledger.common.Validation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** Passes custody of the whole remaining lot to another facility, optionally at a unit price. */
public record TransferLot(String transferId, String lotId, String fromFacilityId, String toFacilityId,
                          UnitPrice unitPrice, Instant occurredAt) implements ValidatedCommand {

    static final BigDecimal MAX_PRICE = new BigDecimal("1000000000000");

    @Override
    public void validate(Validation check) {
        check.id("id", transferId)
             .id("lotId", lotId)
             .id("fromFacilityId", fromFacilityId)
             .id("toFacilityId", toFacilityId)
             .instant("occurredAt", occurredAt);
        if (fromFacilityId != null && Objects.equals(fromFacilityId, toFacilityId)) {
            check.error("toFacilityId", "must differ from fromFacilityId");
        }
        if (unitPrice != null) {
            check.positiveDecimal("unitPrice.amount", unitPrice.amount(), 6, MAX_PRICE)
                 .currency("unitPrice.currency", unitPrice.currency());
        }
    }
}
