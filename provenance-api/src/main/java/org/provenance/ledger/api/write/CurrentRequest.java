package org.provenance.ledger.api.write;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.Optional;

/** Who is asking, and the client's own request and correlation ids, for event metadata. */
public final class CurrentRequest {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    public static final String CORRELATION_ID_HEADER = "X-Correlation-Id";

    private CurrentRequest() {
    }

    /**
     * The authenticated user; "anonymous" for an unauthenticated request. Outside any request, the
     * authentication the thread runs with (a batch job runs with its submitter's), else "system".
     */
    public static String principal() {
        return current().map(r -> r.getUserPrincipal() == null ? "anonymous" : r.getUserPrincipal().getName())
                        .orElseGet(() -> {
                            var auth = SecurityContextHolder.getContext().getAuthentication();
                            return auth == null ? "system" : auth.getName();
                        });
    }

    public static Optional<String> header(String name) {
        return current().map(r -> r.getHeader(name)).filter(v -> !v.isBlank())
                        .map(v -> v.length() > 128 ? v.substring(0, 128) : v);
    }

    private static Optional<HttpServletRequest> current() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? Optional.of(attributes.getRequest()) : Optional.empty();
    }
}
