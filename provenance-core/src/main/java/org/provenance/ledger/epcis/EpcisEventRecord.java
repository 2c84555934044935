package org.provenance.ledger.epcis;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One captured EPCIS event: a stream of its own (epcis/&lt;ledger id&gt;) holding its one event. */
public class EpcisEventRecord {

    @AggregateIdentifier
    private String streamId;

    protected EpcisEventRecord() {
        // for event sourcing
    }

    EpcisEventRecord(CaptureEpcisEvent command) {
        apply(new EpcisEventCaptured(command.ledgerId(), command.eventId(), command.eventType(), command.captureId(),
                                     command.document()));
    }

    @EventSourcingHandler
    void on(EpcisEventCaptured event) {
        this.streamId = org.provenance.ledger.common.StreamIds.epcis(event.ledgerId());
    }
}
