package org.provenance.ledger.api.web;

import org.provenance.ledger.audit.server.DatabaseOutages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit chainer's background loop tells outages from faults the same way requests do. */
@Configuration(proxyBeanMethods = false)
class DatabaseOutagesConfiguration {

    @Bean
    DatabaseOutages databaseOutages() {
        return DatabaseUnavailable::causedBy;
    }
}
