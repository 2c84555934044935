package org.provenance.ledger.lot;

import org.provenance.ledger.common.ValidatedCommand;
import org.provenance.ledger.common.Validation;

import java.math.BigDecimal;
import java.time.Instant;

/** Records a lot mined at a mine; the mine becomes its first custodian. */
public record ExtractLot(String lotId, String mineId, String mineral, String form, BigDecimal massKg, Instant occurredAt)
        implements ValidatedCommand {

    @Override
    public void validate(Validation check) {
        check.id("lotId", lotId)
             .id("mineId", mineId)
             .mineral("mineral", mineral)
             .form("form", form)
             .mass("massKg", massKg)
             .instant("occurredAt", occurredAt);
    }
}
