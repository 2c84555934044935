package org.provenance.ledger.common;

/**
 * The command is well formed but conflicts with the ledger's current state: a lot outside the
 * facility's custody, more mass than remains, an id already in use.
 */
public class LedgerConflictException extends LedgerException {

    private final String field;

    public LedgerConflictException(String code, String field, String message) {
        super(code, message);
        this.field = field;
    }

    /** The command field the conflict is about, or null. */
    public String field() {
        return field;
    }
}
