package org.provenance.ledger.facility;

/** A facility entered the ledger. ownerCountry is null when the owner is not known or not recorded. */
public record FacilityRegistered(String facilityId, String name, FacilityKind kind, String country, String ownerCountry) {
}
