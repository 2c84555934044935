package org.provenance.ledger.facility;

/**
 * A facility entered the ledger. ownerCountry is null when the owner is not known or not recorded;
 * externalId (added later) is null when none was given, and in every event stored before it existed.
 */
public record FacilityRegistered(String facilityId, String name, FacilityKind kind, String country, String ownerCountry,
                                 ExternalId externalId) {

    public FacilityRegistered(String facilityId, String name, FacilityKind kind, String country, String ownerCountry) {
        this(facilityId, name, kind, country, ownerCountry, null);
    }
}
