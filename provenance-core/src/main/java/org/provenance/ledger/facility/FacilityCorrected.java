package org.provenance.ledger.facility;

import java.time.Instant;

/**
 * A facility's facts were corrected from effectiveFrom (business time) on. country or ownerCountry
 * is null when that fact is not corrected. correctionId is the id the administrator gave it: the
 * recall report is found by it.
 */
public record FacilityCorrected(String correctionId, String facilityId, Instant effectiveFrom, String country,
                                String ownerCountry, String reason) {
}
