package org.provenance.ledger.policy;

public enum Verdict {
    PASS, FAIL
}
