package org.provenance.ledger.lot;

import org.provenance.ledger.common.ValidatedCommand;
import org.provenance.ledger.common.Validation;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Records material entering the ledger with no traced upstream, held by a custodian. A declared
 * origin is the custodian's claim, kept apart from traced origins in every composition.
 */
public record RegisterLot(String lotId, String custodianId, String mineral, String form, BigDecimal massKg,
                          String declaredOrigin, Instant occurredAt) implements ValidatedCommand {

    @Override
    public void validate(Validation check) {
        check.id("lotId", lotId)
             .id("custodianId", custodianId)
             .mineral("mineral", mineral)
             .form("form", form)
             .mass("massKg", massKg)
             .optionalCountry("declaredOrigin", declaredOrigin)
             .instant("occurredAt", occurredAt);
    }
}
