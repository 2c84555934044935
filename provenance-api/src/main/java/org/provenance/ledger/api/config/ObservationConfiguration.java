package org.provenance.ledger.api.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Observations worth their cost on every request. Spring Security observes each request's filter
 * chain, authentication and authorization by default: timers and tags for every request that the
 * HTTP server metrics ({@code http_server_requests}, which stay) already cover, at about a tenth of
 * a request's CPU in the ingest profile (BENCHMARKS.md). Spring Security's events and logging are
 * unchanged; only its observations are dropped. Axon's metrics stay as they are.
 */
@Configuration(proxyBeanMethods = false)
public class ObservationConfiguration {

    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
