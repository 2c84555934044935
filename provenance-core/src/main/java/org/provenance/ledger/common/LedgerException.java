package org.provenance.ledger.common;

/**
 * A command the ledger refused. The {@link #code()} is stable and becomes the problem type
 * the API answers with, so clients can branch on it without parsing messages.
 */
public abstract class LedgerException extends RuntimeException {

    private final String code;

    protected LedgerException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
