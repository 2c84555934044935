package org.provenance.ledger.facility;

import org.provenance.ledger.common.StreamIds;
import org.provenance.ledger.common.ValidatedCommand;
import org.provenance.ledger.common.Validation;

import java.time.Instant;

/**
 * States that a facility's country or controlling owner was other than recorded, from
 * effectiveFrom on (SPEC 12). Nothing recorded is rewritten: the correction is an event of its own,
 * and a later correction overrides an earlier one from its own effectiveFrom.
 */
public record CorrectFacility(String id, String facilityId, Instant effectiveFrom, String country, String ownerCountry,
                              String reason) implements ValidatedCommand {

    @Override
    public void validate(Validation check) {
        check.id("id", id)
             .id("facilityId", facilityId)
             .instant("effectiveFrom", effectiveFrom)
             .optionalCountry("country", country)
             .optionalCountry("ownerCountry", ownerCountry)
             .note("reason", reason, 2000);
        if (country == null && ownerCountry == null) {
            check.error("country", "a correction names the country, the ownerCountry or both");
        }
    }

    public String streamId() {
        return StreamIds.facility(facilityId);
    }
}
