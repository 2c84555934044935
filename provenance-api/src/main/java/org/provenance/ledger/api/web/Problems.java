package org.provenance.ledger.api.web;

import org.provenance.ledger.common.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Builds RFC 9457 problem documents. The type is a stable code clients can branch on. */
public final class Problems {

    private Problems() {
    }

    public static URI type(String code) {
        return URI.create("/problems/" + code);
    }

    public static ProblemDetail problem(HttpStatusCode status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(code));
        problem.setTitle(title);
        return problem;
    }

    public static ProblemDetail withErrors(ProblemDetail problem, List<FieldError> errors) {
        problem.setProperty("errors", errors.stream()
                                            .map(e -> Map.of("field", e.field(), "message", e.message()))
                                            .toList());
        return problem;
    }

    public static ResponseEntity<Object> respond(ProblemDetail problem) {
        return ResponseEntity.status(HttpStatus.valueOf(problem.getStatus()))
                             .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                             .body(problem);
    }
}
