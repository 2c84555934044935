package org.provenance.ledger.facility;

/**
 * A facility entered the ledger. ownerCountry is null when the owner is not known or not recorded;
 * externalId (added later) is null when none was given, and in every event stored before it existed.
 */
public record FacilityRegistered(String facilityId, String name, FacilityKind kind, String country, String ownerCountry,
                                 ExternalId externalId, java.util.List<String> locations) {

    public FacilityRegistered(String facilityId, String name, FacilityKind kind, String country, String ownerCountry) {
        this(facilityId, name, kind, country, ownerCountry, null, null);
    }

    /** locations (added with EPCIS, SPEC 11): the facility's SGLN and PGLN URNs; null when none were given. */
    public FacilityRegistered(String facilityId, String name, FacilityKind kind, String country, String ownerCountry,
                              ExternalId externalId) {
        this(facilityId, name, kind, country, ownerCountry, externalId, null);
    }
}
