package org.provenance.ledger.common;

/** The command names, by its address, something the ledger does not have (a bloc, a flag). */
public class LedgerNotFoundException extends LedgerException {

    public LedgerNotFoundException(String what, String id) {
        super(Refusal.NOT_FOUND, "no " + what + " " + id + " is recorded");
    }
}
