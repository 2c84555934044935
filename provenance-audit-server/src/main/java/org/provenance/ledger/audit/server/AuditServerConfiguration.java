package org.provenance.ledger.audit.server;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Binds ledger.audit.* for the components of this package. The application's own
 * configuration-properties scan covers its packages only, so the module declares its settings here.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
public class AuditServerConfiguration {
}
