package org.provenance.ledger.api.epcis;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * What the EPCIS binding needs of the web layer. An eventID is a URI and travels URL-encoded in
 * the path ({@code /epcis/events/ni%3A%2F%2F%2Fsha-256%3B...}): encoded slashes and semicolons
 * are let through for that one resource only; every other path keeps the strict firewall. The
 * binding's version headers go on every /epcis answer.
 */
@Configuration(proxyBeanMethods = false)
public class EpcisWebConfiguration {

    public static final String EVENT_PATH = "/epcis/events/";

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> epcisEncodedSlashes() {
        // Passed through undecoded; the firewall below still refuses them outside /epcis/events/.
        return factory -> factory.addConnectorCustomizers(
                connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }

    @Bean
    HttpFirewall epcisAwareFirewall() {
        StrictHttpFirewall strict = new StrictHttpFirewall();
        StrictHttpFirewall eventIds = new StrictHttpFirewall();
        eventIds.setAllowUrlEncodedSlash(true);
        eventIds.setAllowUrlEncodedDoubleSlash(true);
        eventIds.setAllowSemicolon(true);
        eventIds.setAllowUrlEncodedPercent(true);
        return new HttpFirewall() {
            @Override
            public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
                String uri = request.getRequestURI();
                boolean eventId = uri != null && uri.startsWith(EVENT_PATH) && uri.indexOf('/', EVENT_PATH.length()) < 0
                                  && "GET".equals(request.getMethod());
                return (eventId ? eventIds : strict).getFirewalledRequest(request);
            }

            @Override
            public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
                return strict.getFirewalledResponse(response);
            }
        };
    }

    @Bean
    OncePerRequestFilter epcisVersionHeaders() {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !request.getRequestURI().startsWith("/epcis");
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                response.setHeader("GS1-EPCIS-Version", "2.0.0");
                response.setHeader("GS1-CBV-Version", "2.0.0");
                response.setHeader("GS1-EPCIS-Min", "2.0.0");
                response.setHeader("GS1-EPCIS-Max", "2.0.0");
                response.setHeader("GS1-CBV-Min", "2.0.0");
                response.setHeader("GS1-CBV-Max", "2.0.0");
                response.setHeader("GS1-Extensions", "ledger=urn:provenance-ledger:epcis:");
                chain.doFilter(request, response);
            }
        };
    }
}
