package org.provenance.ledger.check;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One recorded part check: a stream of its own (check/&lt;id&gt;) holding its one event. */
public class CheckRecord {

    @AggregateIdentifier
    private String streamId;

    protected CheckRecord() {
        // for event sourcing
    }

    CheckRecord(RecordCheck command) {
        apply(new PartChecked(command.checkId(), command.policy(), command.asOf(), command.reference(),
                              command.items(), command.answerSha256(), command.receipt()));
    }

    @EventSourcingHandler
    void on(PartChecked event) {
        this.streamId = org.provenance.ledger.common.StreamIds.check(event.checkId());
    }
}
