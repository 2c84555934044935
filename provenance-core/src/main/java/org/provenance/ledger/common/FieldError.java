package org.provenance.ledger.common;

/** One invalid field of a command: the JSON path of the field and what is wrong with it. */
public record FieldError(String field, String message) {
}
