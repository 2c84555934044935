package org.provenance.ledger.transformation;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.provenance.ledger.common.StreamIds;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A recorded transformation. Its own stream makes the transformation id unique and gives flags on
 * the transformation (mass balance) a subject; the lots it touched carry their own events.
 */
public class Transformation {

    @AggregateIdentifier
    private String streamId;

    protected Transformation() {
        // for event sourcing
    }

    Transformation(TransformationRecorded event) {
        apply(event);
    }

    @EventSourcingHandler
    void on(TransformationRecorded event) {
        this.streamId = StreamIds.transformation(event.transformationId());
    }
}
