package org.provenance.ledger.common;

import java.util.List;

/**
 * A command the ledger refused, with a typed {@link Refusal}: clients see its code as the
 * problem type and can branch on it without parsing messages.
 */
public abstract class LedgerException extends RuntimeException {

    private final Refusal refusal;

    protected LedgerException(Refusal refusal, String message) {
        super(message, null, false, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }

    /** The refusal's stable code, e.g. {@code id-in-use}. */
    public String code() {
        return refusal.code();
    }

    /** The command fields the refusal is about, with what is wrong with each; empty when it is about none. */
    public List<FieldError> errors() {
        return List.of();
    }
}
