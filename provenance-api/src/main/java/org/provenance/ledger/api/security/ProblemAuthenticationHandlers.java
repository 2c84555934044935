package org.provenance.ledger.api.security;

import tools.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.provenance.ledger.api.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;

/**
 * 401, 403 and 429 (failed logins throttled) answered by the security filters, as problem+json like
 * every other error.
 */
@Component
public class ProblemAuthenticationHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ObjectMapper json;

    public ProblemAuthenticationHandlers(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof LoginThrottledException throttled) {
            response.setHeader("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
            write(request, response, Problems.problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-failed-logins",
                    "Too many failed logins", "too many failed logins for this user or from this address; "
                            + "try again after " + throttled.retryAfterSeconds() + " s"));
            return;
        }
        // Both schemes are offered: HTTP Basic for local users, Bearer for tokens of the configured issuer.
        response.addHeader("WWW-Authenticate", "Basic realm=\"provenance-ledger\"");
        response.addHeader("WWW-Authenticate", "Bearer");
        VerifiedTokens.MissingClaimException missing = missingClaim(e);
        if (missing != null) {
            ProblemDetail problem = Problems.problem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
                                                     missing.getMessage());
            problem.setProperty("claim", missing.claim());
            write(request, response, problem);
            return;
        }
        // Why any other token or password failed is not told: it would help guessing.
        write(request, response, Problems.problem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
                "send valid credentials: HTTP Basic for a local user, or a Bearer token from the configured issuer"));
    }

    private static VerifiedTokens.MissingClaimException missingClaim(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof VerifiedTokens.MissingClaimException missing) {
                return missing;
            }
        }
        return null;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(request, response, Problems.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                                                  "your roles do not allow this request"));
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
