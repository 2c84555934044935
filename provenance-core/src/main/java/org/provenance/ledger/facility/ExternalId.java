package org.provenance.ledger.facility;

/**
 * A facility's identifier in an outside list, e.g. the RMI smelter id (scheme "RMI", value
 * "CID001234") that the CMRT and EMRT smelter lists ask for.
 */
public record ExternalId(String scheme, String value) {
}
