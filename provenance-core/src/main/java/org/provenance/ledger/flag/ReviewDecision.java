package org.provenance.ledger.flag;

public enum ReviewDecision {
    FALSE_POSITIVE, ACCEPTED_RISK, CONFIRMED
}
