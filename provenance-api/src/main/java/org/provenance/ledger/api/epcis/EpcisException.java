package org.provenance.ledger.api.epcis;

import org.provenance.ledger.common.FieldError;

import java.util.List;

/**
 * A refusal in the EPCIS binding's own terms (openapi.yaml): the problem type is the standard's
 * {@code epcisException:...} name, so existing EPCIS clients recognise it.
 */
public class EpcisException extends RuntimeException {

    private final int status;
    private final String epcisType;
    private final List<FieldError> errors;
    private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

    public EpcisException(int status, String epcisType, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.epcisType = epcisType;
        this.errors = List.copyOf(errors);
    }

    public static EpcisException validation(String detail, List<FieldError> errors) {
        return new EpcisException(400, "ValidationException", detail, errors);
    }

    public static EpcisException tooLarge(String detail) {
        return new EpcisException(413, "CaptureLimitExceededException", detail, List.of());
    }

    public static EpcisException notFound(String detail) {
        return new EpcisException(404, "NoSuchResourceException", detail, List.of());
    }

    /** Headers the answer carries (a 413 advertises the limits it passed). */
    public EpcisException withHeaders(java.util.Map<String, String> more) {
        headers.putAll(more);
        return this;
    }

    public java.util.Map<String, String> headers() {
        return headers;
    }

    public int status() {
        return status;
    }

    public String epcisType() {
        return epcisType;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
