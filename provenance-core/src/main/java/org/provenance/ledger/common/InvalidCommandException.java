package org.provenance.ledger.common;

import java.util.List;

/** The command is malformed or breaks a rule that depends only on its own content or on referenced ids. */
public class InvalidCommandException extends LedgerException {

    private final List<FieldError> errors;

    public InvalidCommandException(List<FieldError> errors) {
        super(Refusal.INVALID_COMMAND, describe(errors));
        this.errors = List.copyOf(errors);
    }

    public static InvalidCommandException of(String field, String message) {
        return new InvalidCommandException(List.of(new FieldError(field, message)));
    }

    @Override
    public List<FieldError> errors() {
        return errors;
    }

    private static String describe(List<FieldError> errors) {
        StringBuilder sb = new StringBuilder();
        for (FieldError e : errors) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(e.field()).append(": ").append(e.message());
        }
        return sb.toString();
    }
}
