package org.provenance.ledger.api.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * Outgoing webhooks (EPCIS subscriptions and flag webhooks): where they may go and how they retry.
 *
 * @param allowedHosts   if not empty, the only hosts a callback may name (exact, or {@code *.example.com});
 *                       a listed host may resolve to a private address (an integration on the company network)
 * @param allowLoopback  callbacks to loopback addresses; off in production, on in the tests
 * @param maxAttempts    attempts per delivery before it is given up (kept, with its last error)
 * @param retryBase      wait after the first failure; doubled after each further failure
 * @param retryMax       the longest wait between attempts
 * @param timeout        connect and response timeout of one attempt
 * @param pollInterval   how often due deliveries and new flags are looked for (a capture or a flag
 *                       also wakes the dispatcher at once)
 */
@ConfigurationProperties("ledger.webhooks")
public record WebhookProperties(List<String> allowedHosts, Boolean allowLoopback, Integer maxAttempts,
                                Duration retryBase, Duration retryMax, Duration timeout, Duration pollInterval) {

    public WebhookProperties {
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        allowLoopback = allowLoopback != null && allowLoopback;
        maxAttempts = maxAttempts == null ? 12 : maxAttempts;
        retryBase = retryBase == null ? Duration.ofSeconds(5) : retryBase;
        retryMax = retryMax == null ? Duration.ofHours(1) : retryMax;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
    }

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} failures. */
    public Duration backoff(int attempt) {
        long factor = 1L << Math.min(Math.max(attempt - 1, 0), 30);
        Duration wait = retryBase.multipliedBy(factor);
        return wait.compareTo(retryMax) > 0 ? retryMax : wait;
    }
}
