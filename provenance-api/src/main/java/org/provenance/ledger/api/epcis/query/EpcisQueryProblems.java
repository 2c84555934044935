package org.provenance.ledger.api.epcis.query;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;

/** The standard's exceptions as RFC 9457 problems, type {@code epcisException:<Name>} (openapi.yaml). */
@RestControllerAdvice
public class EpcisQueryProblems {

    @ExceptionHandler(EpcisQueryException.class)
    ResponseEntity<Object> epcis(EpcisQueryException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setType(URI.create("epcisException:" + e.exception()));
        problem.setTitle(switch (e.exception()) {
            case EpcisQueryException.QUERY_PARAMETER -> "Invalid query parameter";
            case EpcisQueryException.QUERY_TOO_LARGE -> "Query result too large";
            case EpcisQueryException.NO_SUCH_RESOURCE -> "No such resource";
            case EpcisQueryException.NO_SUCH_NAME -> "No such query";
            case EpcisQueryException.RESOURCE_ALREADY_EXISTS -> "Resource already exists";
            case EpcisQueryException.SUBSCRIPTION_CONTROLS -> "Subscription error";
            default -> "Invalid request";
        });
        return ResponseEntity.status(e.status())
                             .headers(EpcisDocuments.versionHeaders())
                             .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                             .body(problem);
    }
}
