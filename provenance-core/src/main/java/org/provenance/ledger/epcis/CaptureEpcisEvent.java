package org.provenance.ledger.epcis;

import org.provenance.ledger.common.StreamIds;
import org.provenance.ledger.common.ValidatedCommand;
import org.provenance.ledger.common.Validation;

/**
 * Records a captured EPCIS 2.0 event (SPEC 11) in the ledger's own history, so that it is in the
 * audit chain and the export like every other write.
 *
 * @param ledgerId the event's ledger id (its eventID, or {@code epcis:} and a digest of it)
 * @param eventId  the eventID as sent, or the CBV 2.0 event hash computed for it
 * @param document the event's JSON text as stored, with its recordTime
 */
public record CaptureEpcisEvent(String ledgerId, String eventId, String eventType, String captureId, String document)
        implements ValidatedCommand {

    @Override
    public void validate(Validation check) {
        check.id("eventID", ledgerId).present("eventID", eventId).present("type", eventType)
             .present("captureID", captureId).present("document", document);
    }

    public String streamId() {
        return StreamIds.epcis(ledgerId);
    }
}
