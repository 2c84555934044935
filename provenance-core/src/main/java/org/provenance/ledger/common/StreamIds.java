package org.provenance.ledger.common;

/**
 * Aggregate stream identifiers. Axon's event table keys streams by identifier alone, so a lot and
 * a facility that share a user id would collide; each stream gets a type prefix with '/', a
 * character user ids cannot contain.
 */
public final class StreamIds {

    private StreamIds() {
    }

    public static String facility(String facilityId) {
        return "facility/" + facilityId;
    }

    public static String lot(String lotId) {
        return "lot/" + lotId;
    }

    public static String transformation(String transformationId) {
        return "transformation/" + transformationId;
    }

    public static String bloc(String blocId) {
        return "bloc/" + blocId;
    }

    public static String flag(String flagId) {
        return "flag/" + flagId;
    }

    public static String check(String checkId) {
        return "check/" + checkId;
    }

    public static String epcis(String ledgerId) {
        return "epcis/" + ledgerId;
    }
}
