package org.provenance.ledger.api.epcis.query;

import org.springframework.http.HttpStatus;

/**
 * One of the standard's query exceptions (EPCIS 2.0 section 8.2.6, openapi.yaml responses): answered
 * as problem+json whose type is the standard's {@code epcisException:<Name>} URI, so an EPCIS client
 * branches on it as it would against any other repository.
 */
public class EpcisQueryException extends RuntimeException {

    public static final String QUERY_PARAMETER = "QueryParameterException";
    public static final String QUERY_TOO_LARGE = "QueryTooLargeException";
    public static final String NO_SUCH_RESOURCE = "NoSuchResourceException";
    public static final String NO_SUCH_NAME = "NoSuchNameException";
    public static final String RESOURCE_ALREADY_EXISTS = "ResourceAlreadyExistsException";
    public static final String SUBSCRIPTION_CONTROLS = "SubscriptionControlsException";
    public static final String VALIDATION = "ValidationException";

    private final HttpStatus status;
    private final String exception;

    public EpcisQueryException(HttpStatus status, String exception, String message) {
        super(message, null, false, false);
        this.status = status;
        this.exception = exception;
    }

    public static EpcisQueryException parameter(String name, String message) {
        return new EpcisQueryException(HttpStatus.BAD_REQUEST, QUERY_PARAMETER, name + ": " + message);
    }

    public HttpStatus status() {
        return status;
    }

    public String exception() {
        return exception;
    }
}
