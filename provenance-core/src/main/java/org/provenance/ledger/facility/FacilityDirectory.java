package org.provenance.ledger.facility;

import java.util.Optional;

/**
 * Looks facilities up from the write side, consistently with the command being handled: a facility
 * registered by an earlier, acknowledged command is always found.
 */
public interface FacilityDirectory {

    Optional<FacilityProfile> find(String facilityId);
}
