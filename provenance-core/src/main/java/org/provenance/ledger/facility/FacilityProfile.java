package org.provenance.ledger.facility;

/** What other decisions need to know about a facility. */
public record FacilityProfile(String facilityId, FacilityKind kind, String country, String ownerCountry) {
}
