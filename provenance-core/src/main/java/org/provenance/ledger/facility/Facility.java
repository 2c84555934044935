package org.provenance.ledger.facility;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.provenance.ledger.common.StreamIds;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A registered facility. It holds only what custody decisions read: its kind and countries. */
public class Facility {

    @AggregateIdentifier
    private String streamId;
    private String facilityId;
    private FacilityKind kind;
    private String country;
    private String ownerCountry;

    protected Facility() {
        // for event sourcing
    }

    Facility(RegisterFacility command) {
        apply(new FacilityRegistered(command.id(), command.name().strip(), command.kind(), command.country(),
                                     command.ownerCountry(), command.externalId(),
                                     command.locations() == null || command.locations().isEmpty() ? null
                                             : java.util.List.copyOf(command.locations())));
    }

    /** Corrections are facts about the past; the facility's own decisions (its kind) do not change. */
    void correct(CorrectFacility command) {
        apply(new FacilityCorrected(command.id(), facilityId, command.effectiveFrom(), command.country(),
                                    command.ownerCountry(), command.reason().strip()));
    }

    public FacilityProfile profile() {
        return new FacilityProfile(facilityId, kind, country, ownerCountry);
    }

    @EventSourcingHandler
    void on(FacilityRegistered event) {
        this.streamId = StreamIds.facility(event.facilityId());
        this.facilityId = event.facilityId();
        this.kind = event.kind();
        this.country = event.country();
        this.ownerCountry = event.ownerCountry();
    }
}
