package org.provenance.ledger.api.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that never reached a controller (rejected by the servlet container or a filter) are
 * forwarded here; they get a problem document like every other error. Spring Boot's own error
 * controller answered a direct request for /error (no error behind it) with 500; here that is
 * simply a path with nothing at it.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    private final ProblemHandler problems;

    public ProblemErrorController(ProblemHandler problems) {
        this.problems = problems;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (failure instanceof java.io.IOException) {
            // The connection failed under a request that already logged what it had done (a batch cut
            // short); nobody is left to read an answer, and it is no server fault to log again.
            return Problems.respond(Problems.problem(HttpStatus.BAD_REQUEST, "connection-lost", "Connection lost",
                                                     "the request could not be read to its end"));
        }
        if (failure instanceof Exception e && DatabaseUnavailable.causedBy(e)) {
            return problems.databaseUnavailable(e);
        }
        if (failure instanceof Exception e) {
            return Problems.respond(problems.problemFor(e));
        }
        if (!(status instanceof Integer code) || HttpStatus.resolve(code) == null) {
            return Problems.respond(Problems.problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                                                     "nothing is at this path"));
        }
        HttpStatus resolved = HttpStatus.valueOf(code);
        return Problems.respond(Problems.problem(resolved, resolved.getReasonPhrase().toLowerCase(java.util.Locale.ROOT)
                                                                   .replace(' ', '-'),
                                                 resolved.getReasonPhrase(), resolved.getReasonPhrase()));
    }
}
