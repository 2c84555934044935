package org.provenance.ledger.flag;

import org.provenance.ledger.common.ValidatedCommand;
import org.provenance.ledger.common.Validation;

/** A compliance officer's decision on a raised flag, with the reasoning. */
public record ReviewFlag(String flagId, ReviewDecision decision, String note) implements ValidatedCommand {

    @Override
    public void validate(Validation check) {
        if (flagId == null || flagId.isBlank() || flagId.length() > 200
                || Validation.refusedCharacter(flagId, false) != null) {
            check.error("flagId", "must be the id of a raised flag");
        }
        check.present("decision", decision).note("note", note, 4000);
    }
}
