package org.provenance.ledger.flag;

public enum FlagType {
    NON_BLOC_ORIGIN, NON_BLOC_PROCESSING, NON_BLOC_CONTROL, UNKNOWN_ORIGIN, PRICE_BELOW_FLOOR, MASS_BALANCE_VIOLATION;

    /** Flag ids derive from their subject, so a rebuilt projection raises the same ids (SPEC 4). */
    public String idFor(String subjectId) {
        return subjectId + ":" + name();
    }
}
