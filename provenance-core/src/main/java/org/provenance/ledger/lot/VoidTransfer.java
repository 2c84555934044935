package org.provenance.ledger.lot;

import org.provenance.ledger.common.ValidatedCommand;
import org.provenance.ledger.common.Validation;

/** Voids a transfer that did not happen; lotId is the transferred lot (transfers are events on its stream). */
public record VoidTransfer(String transferId, String lotId, String reason) implements ValidatedCommand {

    @Override
    public void validate(Validation check) {
        check.id("transferId", transferId)
             .id("lotId", lotId)
             .note("reason", reason, 2000);
    }
}
