package org.provenance.ledger.api.health;

import tools.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.provenance.ledger.api.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.net.URI;

/**
 * The actuator answers a health component that does not exist, or that the caller may not see,
 * with an empty 404: here it becomes a problem document like every other error. Health answers
 * are small, so holding one in memory to look at it costs nothing.
 */
@Component
public class HealthProblemFilter extends OncePerRequestFilter {

    private final ObjectMapper json;

    public HealthProblemFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/actuator/health/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper cached = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, cached);
        if (cached.getStatus() == HttpStatus.NOT_FOUND.value() && cached.getContentSize() == 0) {
            ProblemDetail problem = Problems.problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                                                     "no such health group or component");
            problem.setInstance(URI.create(request.getRequestURI()));
            response.setStatus(HttpStatus.NOT_FOUND.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
            return;
        }
        cached.copyBodyToResponse();
    }
}
