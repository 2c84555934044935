package org.provenance.ledger.facility;

import org.provenance.ledger.common.StreamIds;
import org.provenance.ledger.common.ValidatedCommand;
import org.provenance.ledger.common.Validation;

/** Admits a mine, processor, trader or buyer to the ledger. ownerCountry is the controlling owner's country, if known. */
public record RegisterFacility(String id, String name, FacilityKind kind, String country, String ownerCountry)
        implements ValidatedCommand {

    @Override
    public void validate(Validation check) {
        check.id("id", id)
             .text("name", name, 200)
             .present("kind", kind)
             .country("country", country)
             .optionalCountry("ownerCountry", ownerCountry);
    }

    public String streamId() {
        return StreamIds.facility(id);
    }
}
