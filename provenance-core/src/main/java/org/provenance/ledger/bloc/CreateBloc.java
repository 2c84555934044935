package org.provenance.ledger.bloc;

import org.provenance.ledger.common.ValidatedCommand;
import org.provenance.ledger.common.Validation;

public record CreateBloc(String blocId, String name) implements ValidatedCommand {

    @Override
    public void validate(Validation check) {
        check.id("id", blocId).text("name", name, 200);
    }
}
