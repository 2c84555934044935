package org.provenance.ledger.api.security;

import org.springframework.security.authentication.AccountStatusException;

import java.time.Duration;

/**
 * Too many failed logins for this user name or from this address: answered 429 with Retry-After.
 * An account status (like a lock) so that the authentication manager reports it as it is, rather
 * than trying other providers and reporting theirs.
 */
final class LoginThrottledException extends AccountStatusException {

    private final Duration retryAfter;

    LoginThrottledException(Duration retryAfter) {
        super("too many failed logins");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, rounded up: a client that waits this long gets one more attempt. */
    long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
