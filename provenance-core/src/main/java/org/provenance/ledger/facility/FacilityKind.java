package org.provenance.ledger.facility;

public enum FacilityKind {
    MINE, PROCESSOR, TRADER, BUYER
}
