package org.provenance.ledger.projections.facility;

public record FacilityView(String id, String name, String kind, String country, String ownerCountry) {
}
