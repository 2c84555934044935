package org.provenance.ledger.audit.server;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A query parameter of an audit endpoint is out of range: 400 invalid-parameter naming it, the same
 * problem document the application gives for its own invalid parameters (SPEC 7). This module cannot
 * see the application's problem handler, so {@link AuditController} answers it itself.
 */
class InvalidAuditParameterException extends RuntimeException {

    private final String parameter;

    InvalidAuditParameterException(String parameter, String message) {
        super(message, null, false, false);
        this.parameter = parameter;
    }

    ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, parameter + ": " + getMessage());
        problem.setType(URI.create("/problems/invalid-parameter"));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(Map.of("field", parameter, "message", getMessage())));
        return problem;
    }
}
