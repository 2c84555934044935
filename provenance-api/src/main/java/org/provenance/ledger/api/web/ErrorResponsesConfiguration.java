package org.provenance.ledger.api.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Requests refused before they reach a controller (by Tomcat, or by Spring Security's firewall)
 * are answered as problem+json too (SPEC 7).
 */
@Configuration(proxyBeanMethods = false)
public class ErrorResponsesConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    /** A path the firewall refuses (a semicolon, an encoded percent or slash, a control character). */
    @Bean
    RequestRejectedHandler problemRequestRejected() {
        return (request, response, rejected) -> {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("utf-8");
            response.getWriter().write("{\"type\":\"/problems/bad-request\",\"title\":\"Bad Request\",\"status\":400,"
                                               + "\"detail\":\"the request path contains characters the ledger does not accept\"}");
        };
    }
}
