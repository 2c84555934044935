package org.provenance.ledger.common;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/** Checks on aggregate streams that several command handlers share. */
public final class Streams {

    private Streams() {
    }

    /**
     * Refuses a create command whose stream already exists. The event store's unique stream key
     * backs this up when two commands race for the same new id.
     */
    public static void requireNew(Repository<?> repository, String streamId, String field, String message) {
        try {
            repository.load(streamId);
        } catch (AggregateNotFoundException e) {
            return;
        }
        throw new LedgerConflictException(Refusal.ID_IN_USE, field, message);
    }
}
