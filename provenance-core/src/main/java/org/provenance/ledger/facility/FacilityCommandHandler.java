package org.provenance.ledger.facility;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.provenance.ledger.common.LedgerNotFoundException;
import org.provenance.ledger.common.StreamIds;
import org.provenance.ledger.common.Streams;

import java.util.Optional;

/**
 * Registers and corrects facilities and answers the write side's facility look-ups from the facilities' own
 * event streams, so a check never depends on a projection that may lag.
 */
public class FacilityCommandHandler implements FacilityDirectory {

    private final Repository<Facility> facilities;

    public FacilityCommandHandler(Repository<Facility> facilities) {
        this.facilities = facilities;
    }

    @CommandHandler
    public String handle(RegisterFacility command) throws Exception {
        Streams.requireNew(facilities, command.streamId(), "id",
                           "facility " + command.id() + " is already registered");
        facilities.newInstance(() -> new Facility(command));
        return command.id();
    }

    @CommandHandler
    public String handle(CorrectFacility command) {
        try {
            facilities.load(command.streamId()).execute(f -> f.correct(command));
        } catch (AggregateNotFoundException e) {
            throw new LedgerNotFoundException("facility", command.facilityId());
        }
        return command.id();
    }

    @Override
    public Optional<FacilityProfile> find(String facilityId) {
        try {
            return Optional.of(facilities.load(StreamIds.facility(facilityId)).invoke(Facility::profile));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }
}
