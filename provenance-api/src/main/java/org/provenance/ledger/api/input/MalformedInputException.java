package org.provenance.ledger.api.input;

import org.provenance.ledger.common.FieldError;

import java.util.List;

/**
 * A request body (or batch line) the strict reader refused before any of it was used: not JSON,
 * an unknown or repeated field, data after the value, a value of the wrong JSON type, a control
 * character, a number or date out of range. Answered 400 malformed-request naming the field.
 */
public class MalformedInputException extends RuntimeException {

    private final FieldError error;

    public MalformedInputException(String field, String message) {
        super(field + ": " + message, null, false, false);
        this.error = new FieldError(field, message);
    }

    public List<FieldError> errors() {
        return List.of(error);
    }
}
