package org.provenance.ledger.epcis;

import org.provenance.ledger.common.StreamIds;
import org.provenance.ledger.common.Validation;
import org.provenance.ledger.common.ValidatedCommand;

/**
 * Records that a captured EPCIS event was in error: the same eventID captured again with an
 * {@code errorDeclaration} (EPCIS 2.0, SPEC 11). The captured event stays as it was; this is a
 * second fact on its stream, next to whatever the ledger did about it (a transfer's void).
 *
 * @param declaration the errorDeclaration object as sent (declarationTime, reason, correctiveEventIDs)
 */
public record DeclareEpcisError(String ledgerId, String eventId, String reason, String declaration)
        implements ValidatedCommand {

    @Override
    public void validate(Validation check) {
        check.id("eventID", ledgerId).present("eventID", eventId).present("errorDeclaration", declaration);
    }

    public String streamId() {
        return StreamIds.epcis(ledgerId);
    }
}
