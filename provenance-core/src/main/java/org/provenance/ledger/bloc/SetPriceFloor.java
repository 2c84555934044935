package org.provenance.ledger.bloc;

import org.provenance.ledger.common.ValidatedCommand;
import org.provenance.ledger.common.Validation;

import java.math.BigDecimal;
import java.time.Instant;

/** From effectiveFrom on, purchases of this mineral and form priced in this currency should not go below pricePerKg. */
public record SetPriceFloor(String blocId, String mineral, String form, String currency, BigDecimal pricePerKg,
                            Instant effectiveFrom) implements ValidatedCommand {

    static final BigDecimal MAX_PRICE = new BigDecimal("1000000000000");

    @Override
    public void validate(Validation check) {
        check.id("blocId", blocId)
             .mineral("mineral", mineral)
             .form("form", form)
             .currency("currency", currency)
             .positiveDecimal("pricePerKg", pricePerKg, 6, MAX_PRICE)
             .instant("effectiveFrom", effectiveFrom);
    }
}
