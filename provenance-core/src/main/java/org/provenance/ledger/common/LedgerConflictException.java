package org.provenance.ledger.common;

import java.util.List;

/**
 * The command is well formed but conflicts with the ledger's current state: a lot outside the
 * facility's custody, more mass than remains, an id already in use.
 * <p>
 * Aggregates refuse without a field: they know the rule, not the shape of the request. The
 * command handler, which knows the command, names the field with {@link #about(String)}.
 */
public class LedgerConflictException extends LedgerException {

    private final String field;

    public LedgerConflictException(Refusal refusal, String message) {
        this(refusal, null, message);
    }

    public LedgerConflictException(Refusal refusal, String field, String message) {
        super(refusal, message);
        this.field = field;
    }

    /** The same refusal, about the given command field (null for none). */
    public LedgerConflictException about(String field) {
        return new LedgerConflictException(refusal(), field, getMessage());
    }

    /** The command field the conflict is about, or null. */
    public String field() {
        return field;
    }

    @Override
    public List<FieldError> errors() {
        return field == null ? List.of() : List.of(new FieldError(field, getMessage()));
    }
}
