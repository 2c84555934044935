package org.provenance.ledger.facility;

import org.provenance.ledger.composition.Provenance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A facility's countries through business time: as registered, then each correction in the order it
 * was recorded, from its effectiveFrom on. A later correction thus corrects an earlier one from its
 * own effectiveFrom (the same date undoes it entirely); a field a correction leaves null keeps what
 * was known before it.
 */
public record FacilityTimeline(Provenance.Facility registered, List<FacilityCorrected> corrections) {

    public FacilityTimeline {
        corrections = List.copyOf(corrections);
    }

    public static FacilityTimeline of(Provenance.Facility registered) {
        return new FacilityTimeline(registered, List.of());
    }

    public FacilityTimeline with(FacilityCorrected correction) {
        List<FacilityCorrected> more = new ArrayList<>(corrections);
        more.add(correction);
        return new FacilityTimeline(registered, more);
    }

    /** The facility's facts at an instant of business time. */
    public Provenance.Facility at(Instant at) {
        String country = registered.country();
        String owner = registered.ownerCountry();
        for (FacilityCorrected c : corrections) {
            if (!at.isBefore(c.effectiveFrom())) {
                country = c.country() != null ? c.country() : country;
                owner = c.ownerCountry() != null ? c.ownerCountry() : owner;
            }
        }
        return country.equals(registered.country()) && java.util.Objects.equals(owner, registered.ownerCountry())
                ? registered : new Provenance.Facility(registered.facilityId(), country, owner);
    }
}
