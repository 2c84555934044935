package org.provenance.ledger.projections.facility;

import org.provenance.ledger.facility.ExternalId;

/** externalId: the facility's id in an outside list (an RMI smelter id), or null. */
public record FacilityView(String id, String name, String kind, String country, String ownerCountry,
                           ExternalId externalId) {
}
