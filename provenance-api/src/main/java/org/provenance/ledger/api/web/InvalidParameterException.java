package org.provenance.ledger.api.web;

/** A query parameter is out of range; answered 400 invalid-parameter naming it. */
public class InvalidParameterException extends RuntimeException {

    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(message, null, false, false);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
