package org.provenance.ledger.bloc;

import org.provenance.ledger.common.ValidatedCommand;
import org.provenance.ledger.common.Validation;

import java.time.Instant;

/** The country stops being a member at effectiveFrom (it is a member until just before). */
public record EndMembership(String blocId, String country, Instant effectiveFrom) implements ValidatedCommand {

    @Override
    public void validate(Validation check) {
        check.id("blocId", blocId).country("country", country).instant("effectiveFrom", effectiveFrom);
    }
}
