package org.provenance.ledger.api.epcis;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;
import java.util.Map;

/** EPCIS refusals as problem+json with the binding's exception names as types (openapi.yaml). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class EpcisProblems {

    @ExceptionHandler(EpcisException.class)
    ResponseEntity<Object> refused(EpcisException e) {
        HttpStatus status = HttpStatus.valueOf(e.status());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setType(URI.create("epcisException:" + e.epcisType()));
        problem.setTitle(switch (e.epcisType()) {
            case "CaptureLimitExceededException" -> "Capture payload too large";
            case "NoSuchResourceException" -> "Not found";
            case "SecurityException" -> "Forbidden";
            default -> "Invalid EPCIS input";
        });
        if (!e.errors().isEmpty()) {
            problem.setProperty("errors", e.errors().stream()
                                           .map(f -> Map.of("field", f.field(), "message", f.message())).toList());
        }
        ResponseEntity<Object> answer = org.provenance.ledger.api.web.Problems.respond(problem);
        if (e.headers().isEmpty()) {
            return answer;
        }
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.putAll(answer.getHeaders());
        e.headers().forEach(headers::set);
        return new ResponseEntity<>(answer.getBody(), headers, answer.getStatusCode());
    }
}
