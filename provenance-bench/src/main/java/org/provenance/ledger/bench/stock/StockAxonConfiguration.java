package org.provenance.ledger.bench.stock;

import org.axonframework.config.ConfigurerModule;
import org.provenance.ledger.LedgerDomain;
import org.provenance.ledger.projections.flag.FlagQueries;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The product's domain wired as in provenance-api's LedgerAxonConfiguration, and nothing else:
 * Axon's Spring Boot auto-configuration supplies the JPA event storage engine, the JPA token store
 * and the processors, with their defaults.
 */
@Configuration(proxyBeanMethods = false)
public class StockAxonConfiguration {

    @Bean
    ConfigurerModule stockDomain(FlagQueries flags) {
        return configurer -> LedgerDomain.configure(configurer, flags::exists);
    }
}
