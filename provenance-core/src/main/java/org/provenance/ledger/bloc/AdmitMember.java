package org.provenance.ledger.bloc;

import org.provenance.ledger.common.ValidatedCommand;
import org.provenance.ledger.common.Validation;

import java.time.Instant;

/** The country is a member from effectiveFrom on. */
public record AdmitMember(String blocId, String country, Instant effectiveFrom) implements ValidatedCommand {

    @Override
    public void validate(Validation check) {
        check.id("blocId", blocId).country("country", country).instant("effectiveFrom", effectiveFrom);
    }
}
