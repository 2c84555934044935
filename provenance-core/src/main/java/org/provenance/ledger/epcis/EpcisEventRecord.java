package org.provenance.ledger.epcis;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.provenance.ledger.common.LedgerConflictException;
import org.provenance.ledger.common.Refusal;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One captured EPCIS event: a stream of its own (epcis/&lt;ledger id&gt;) holding its capture and, if it was declared in error, that declaration. */
public class EpcisEventRecord {

    @AggregateIdentifier
    private String streamId;
    private boolean declaredInError;

    protected EpcisEventRecord() {
        // for event sourcing
    }

    EpcisEventRecord(CaptureEpcisEvent command) {
        apply(new EpcisEventCaptured(command.ledgerId(), command.eventId(), command.eventType(), command.captureId(),
                                     command.document()));
    }

    /** An event is declared in error once; a repeated declaration is answered as stored already. */
    void declare(DeclareEpcisError command) {
        if (declaredInError) {
            throw new LedgerConflictException(Refusal.ID_IN_USE, "eventID",
                                              "EPCIS event " + command.eventId() + " is declared in error already");
        }
        apply(new EpcisErrorDeclared(command.ledgerId(), command.eventId(), command.reason(), command.declaration()));
    }

    @EventSourcingHandler
    void on(EpcisErrorDeclared event) {
        this.declaredInError = true;
    }

    @EventSourcingHandler
    void on(EpcisEventCaptured event) {
        this.streamId = org.provenance.ledger.common.StreamIds.epcis(event.ledgerId());
    }
}
