package org.provenance.ledger.flag;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.provenance.ledger.common.StreamIds;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The review history of one flag. Flags themselves are computed by projections from the custody
 * events; only the human decisions about them are commands, so only those have a stream.
 */
public class FlagReview {

    @AggregateIdentifier
    private String streamId;

    protected FlagReview() {
        // for event sourcing and loadOrCreate
    }

    void review(ReviewFlag command, String reviewer) {
        apply(new FlagReviewed(command.flagId(), command.decision(), command.note().strip(), reviewer));
    }

    @EventSourcingHandler
    void on(FlagReviewed event) {
        this.streamId = StreamIds.flag(event.flagId());
    }
}
