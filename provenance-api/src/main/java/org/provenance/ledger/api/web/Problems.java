package org.provenance.ledger.api.web;

import org.provenance.ledger.common.FieldError;
import org.provenance.ledger.common.LedgerException;
import org.provenance.ledger.common.Refusal;
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

    public static final String CONFLICT_TITLE = "Conflicts with the ledger";

    /**
     * The one mapping from the domain's refusals to problems: the type is the refusal's code, the
     * status and title follow from what kind of refusal it is, and the fields it is about become
     * the errors list.
     */
    public static ProblemDetail refusal(LedgerException e) {
        Refusal refusal = e.refusal();
        ProblemDetail problem = switch (refusal) {
            case INVALID_COMMAND -> problem(HttpStatus.BAD_REQUEST, refusal.code(), "Invalid request", e.getMessage());
            case NOT_FOUND -> problem(HttpStatus.NOT_FOUND, refusal.code(), "Not found", e.getMessage());
            case ID_IN_USE, NOT_IN_CUSTODY, LOT_CONSUMED, INSUFFICIENT_MASS, OUT_OF_ORDER, ALREADY_MEMBER,
                 NOT_A_MEMBER, MOVED_SINCE, NOT_CORRECTABLE, CONCURRENT_CHANGE, REPLAY_IN_PROGRESS, REPLAY_NOT_SUPPORTED, PROJECTION_BUSY ->
                    problem(HttpStatus.CONFLICT, refusal.code(), CONFLICT_TITLE, e.getMessage());
        };
        return e.errors().isEmpty() ? problem : withErrors(problem, e.errors());
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
