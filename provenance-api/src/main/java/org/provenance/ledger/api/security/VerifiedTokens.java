package org.provenance.ledger.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The configured decoder (signature, and Spring Boot's timestamp, issuer and audience validators)
 * plus the ledger's own rules: the required claims and {@code ledger.security.jwt.issuer}. A token
 * that passed is remembered by its exact text, so that the next request with it skips the signature
 * check; everything a check looked at is in that text, and only time changes the answer, so a
 * remembered token is refused once its {@code exp} has passed and is forgotten then at the latest.
 * The exp is held strictly here, without the minute of clock skew Spring allows.
 */
final class VerifiedTokens implements JwtDecoder {

    /** A token without exp (when exp is configured as not required) is checked again this often. */
    private static final Duration LONGEST_KEPT = Duration.ofMinutes(10);

    private final JwtDecoder decoder;
    private final Set<String> requiredClaims;
    private final JwtIssuerValidator issuer;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(JwtDecoder decoder, LedgerSecurityProperties.Jwt settings, Clock clock) {
        this.decoder = decoder;
        this.requiredClaims = settings.claimsRequired();
        this.issuer = settings.issuer() == null ? null : new JwtIssuerValidator(settings.issuer());
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                                .maximumSize(settings.cacheSize())
                                .ticker(() -> nanos(clock.instant()))
                                .expireAfter(new UntilExpiry())
                                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            refuseIfExpired(known);
            return known;
        }
        Jwt jwt = decoder.decode(token);
        for (String claim : requiredClaims) {
            Object value = jwt.getClaims().get(claim);
            if (value == null || (value instanceof String text && text.isBlank())) {
                throw new MissingClaimException(claim);
            }
        }
        if (issuer != null) {
            OAuth2TokenValidatorResult result = issuer.validate(jwt);
            if (result.hasErrors()) {
                throw new JwtValidationException("the token's issuer is not the configured one", result.getErrors());
            }
        }
        refuseIfExpired(jwt);
        verified.put(token, jwt);
        return jwt;
    }

    private void refuseIfExpired(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt != null && !clock.instant().isBefore(expiresAt)) {
            throw new JwtValidationException("the token has expired",
                                             List.of(new OAuth2Error("invalid_token", "the token has expired", null)));
        }
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private final class UntilExpiry implements Expiry<String, Jwt> {
        @Override
        public long expireAfterCreate(String token, Jwt jwt, long currentTime) {
            long longest = LONGEST_KEPT.toNanos();
            return jwt.getExpiresAt() == null ? longest
                    : Math.max(0, Math.min(longest, nanos(jwt.getExpiresAt()) - nanos(clock.instant())));
        }

        @Override
        public long expireAfterUpdate(String token, Jwt jwt, long currentTime, long currentDuration) {
            return expireAfterCreate(token, jwt, currentTime);
        }

        @Override
        public long expireAfterRead(String token, Jwt jwt, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    /** A required claim is missing: the one refusal whose reason the client is told (it names the claim). */
    static final class MissingClaimException extends BadJwtException {

        private final String claim;

        MissingClaimException(String claim) {
            super("the token has no '" + claim + "' claim, which this ledger requires");
            this.claim = claim;
        }

        String claim() {
            return claim;
        }
    }
}
