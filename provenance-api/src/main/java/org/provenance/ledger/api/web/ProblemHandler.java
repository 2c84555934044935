package org.provenance.ledger.api.web;

import org.axonframework.modelling.command.ConcurrencyException;
import org.provenance.ledger.api.input.MalformedInputException;
import org.provenance.ledger.api.read.ProjectionLagException;
import org.provenance.ledger.audit.server.TamperedStreamException;
import org.provenance.ledger.common.FieldError;
import org.provenance.ledger.common.LedgerException;
import org.provenance.ledger.common.Refusal;
import org.slf4j.Logger;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns every failure into application/problem+json (SPEC 7). Messages are written here, never
 * passed through from libraries, so no class name, SQL or stack trace reaches a client.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final long OUTAGE_LOG_EVERY_NANOS = 10_000_000_000L;
    /** An admin must look first; asking again within a minute will not help. */
    static final int TAMPERED_RETRY_AFTER_SECONDS = 60;

    private final java.util.concurrent.atomic.AtomicLong lastOutageLog =
            new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - OUTAGE_LOG_EVERY_NANOS - 1);

    @ExceptionHandler(MalformedInputException.class)
    ResponseEntity<Object> malformed(MalformedInputException e) {
        return Problems.respond(Problems.withErrors(
                Problems.problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", e.getMessage()),
                e.errors()));
    }

    @ExceptionHandler(LedgerException.class)
    ResponseEntity<Object> refused(LedgerException e) {
        return Problems.respond(Problems.refusal(e));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> forbidden(AccessDeniedException e) {
        return Problems.respond(Problems.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage()));
    }

    /** The security firewall refused something it reads lazily, such as a form parameter's name. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> rejected(RequestRejectedException e) {
        return Problems.respond(Problems.problem(HttpStatus.BAD_REQUEST, "bad-request", "Bad Request",
                                                 "the request contains characters the ledger does not accept"));
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<Object> concurrency(ConcurrencyException e) {
        return Problems.respond(Problems.problem(HttpStatus.CONFLICT, Refusal.CONCURRENT_CHANGE.code(),
                                                 Problems.CONFLICT_TITLE,
                "another request changed the same records at the same time; nothing was recorded, retry"));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e) {
        return Problems.respond(Problems.problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage()));
    }

    /** 503 with Retry-After, saying which projection and why (SPEC 7): never stale data, an empty list or a 404. */
    @ExceptionHandler(ProjectionLagException.class)
    ResponseEntity<Object> lagging(ProjectionLagException e) {
        String title = switch (e.code()) {
            case ProjectionLagException.STALLED -> "Read models are stopped on an error";
            case ProjectionLagException.REBUILDING -> "Read models are being rebuilt";
            default -> "Read models are behind";
        };
        ProblemDetail problem = Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, e.code(), title,
                                                 e.getMessage() + "; retry later");
        if (e.projection() != null) {
            problem.setProperty("projection", e.projection());
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                             .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()))
                             .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                             .body(problem);
    }

    /**
     * Tampering was found in a stream this write touches: refused until an admin acknowledges the finding
     * (or, for an event whose seal fails on loading, until the row is what the ledger wrote).
     */
    @ExceptionHandler(TamperedStreamException.class)
    ResponseEntity<Object> tampered(TamperedStreamException e) {
        ProblemDetail problem = Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "tampered-stream",
                                                 "Records under a tampering alarm", e.getMessage());
        problem.setProperty("position", e.finding().position());
        problem.setProperty("finding", e.finding().kind());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                             .header(HttpHeaders.RETRY_AFTER, String.valueOf(TAMPERED_RETRY_AFTER_SECONDS))
                             .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                             .body(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> badParameter(MethodArgumentTypeMismatchException e) {
        String message = "has an invalid value";
        if (e.getRequiredType() == Instant.class) {
            message = "must be an ISO-8601 instant with an offset or Z (2026-01-01T00:00:00Z) or a date (2026-01-01), "
                      + "in the years 1900 to 9999";
        } else if (e.getRequiredType() != null && e.getRequiredType().isEnum()) {
            message = "must be one of " + enumValues(e.getRequiredType());
        }
        return Problems.respond(Problems.withErrors(
                Problems.problem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid request",
                                 e.getName() + ": " + message),
                List.of(new FieldError(e.getName(), message))));
    }

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> invalidParameter(InvalidParameterException e) {
        return Problems.respond(Problems.withErrors(
                Problems.problem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid request",
                                 e.parameter() + ": " + e.getMessage()),
                List.of(new FieldError(e.parameter(), e.getMessage()))));
    }

    /**
     * PostgreSQL is down, restarting or failing over: the client should retry, and a write it
     * retries is idempotent. Logged once per {@link #OUTAGE_LOG_EVERY_NANOS}, without a stack
     * trace: during an outage every request fails the same way.
     */
    ResponseEntity<Object> databaseUnavailable(Exception e) {
        long now = System.nanoTime();
        long last = lastOutageLog.get();
        if (now - last > OUTAGE_LOG_EVERY_NANOS && lastOutageLog.compareAndSet(last, now)) {
            log.warn("The database is unreachable; answering 503 with Retry-After ({})", rootMessage(e));
        }
        ProblemDetail problem = Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable",
                "Database unavailable", "the ledger cannot reach its database right now; retry in "
                        + DatabaseUnavailable.RETRY_AFTER_SECONDS + " s (retrying a write that was recorded changes nothing)");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                             .header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS))
                             .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                             .body(problem);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /**
     * The problem a batch line gets for the exception its write raised: the same answer the
     * single endpoint gives.
     */
    public ProblemDetail problemFor(Exception e) {
        ResponseEntity<Object> answer;
        if (e instanceof MalformedInputException x) {
            answer = malformed(x);
        } else if (e instanceof LedgerException x) {
            answer = refused(x);
        } else if (e instanceof AccessDeniedException x) {
            answer = forbidden(x);
        } else if (e instanceof NotFoundException x) {
            answer = notFound(x);
        } else if (e instanceof ConcurrencyException x) {
            answer = concurrency(x);
        } else if (e instanceof ProjectionLagException x) {
            answer = lagging(x);
        } else if (DatabaseUnavailable.causedBy(e)) {
            answer = databaseUnavailable(e);
        } else {
            answer = unexpected(e);
        }
        return (ProblemDetail) answer.getBody();
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        if (DatabaseUnavailable.causedBy(e)) {
            return databaseUnavailable(e);
        }
        log.error("Unexpected failure while handling a request", e);
        return Problems.respond(Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                                                 "Internal error", "the ledger could not complete the request"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        // Bodies are read by the strict reader, which names the field; what remains is a missing body,
        // or one Spring did not try to read (a DELETE in another media type): that is a 415 like any other.
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !contentType.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            return handleHttpMediaTypeNotSupported(
                    new HttpMediaTypeNotSupportedException(contentType, List.of(org.springframework.http.MediaType.APPLICATION_JSON)),
                    new HttpHeaders(), HttpStatus.UNSUPPORTED_MEDIA_TYPE, request);
        }
        ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                                                 "body: is missing or could not be read; send a JSON object");
        Problems.withErrors(problem, List.of(new FieldError("body", "is missing or could not be read; send a JSON object")));
        return Problems.respond(problem);
    }

    /** Says what to send instead: a client that omitted the header learns the fix from the answer. */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        String accepted = ex.getSupportedMediaTypes().stream()
                            .filter(t -> !t.isWildcardType() && !t.isWildcardSubtype())
                            .map(t -> t.getType() + "/" + t.getSubtype())
                            .distinct()
                            .collect(Collectors.joining(" or "));
        String detail = "send the body with Content-Type: " + (accepted.isEmpty() ? "application/json" : accepted);
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).headers(headers)
                             .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                             .body(Problems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                                                    "Unsupported media type", detail));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail
                : ProblemDetail.forStatusAndDetail(statusCode, HttpStatus.valueOf(statusCode.value()).getReasonPhrase());
        HttpStatus status = HttpStatus.valueOf(statusCode.value());
        if (problem.getDetail() == null) {
            problem.setDetail(status.getReasonPhrase());
        }
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            // Spring's own errors (unknown path, wrong method or media type) get a code like ours.
            problem.setType(Problems.type(status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replace(' ', '-')));
        }
        return ResponseEntity.status(statusCode).headers(headers)
                             .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                             .body(problem);
    }

    private static String enumValues(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    }
}
