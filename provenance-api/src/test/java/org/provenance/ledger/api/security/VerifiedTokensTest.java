package org.provenance.ledger.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ledger's rules around the configured decoder, and the cache of tokens that passed. */
class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private final MovableClock clock = new MovableClock(NOW);
    private final AtomicInteger decoded = new AtomicInteger();

    private static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256");
        claims.forEach(builder::claim);
        return builder.build();
    }

    private VerifiedTokens tokens(Jwt jwt, String issuer, List<String> required) {
        JwtDecoder decoder = token -> {
            decoded.incrementAndGet();
            return jwt;
        };
        return new VerifiedTokens(decoder, new LedgerSecurityProperties.Jwt(null, null, null, issuer, required, 100),
                                  clock);
    }

    @Test
    void a_verified_token_is_decoded_once_and_refused_once_expired() {
        Jwt jwt = jwt(Map.of("iss", "https://idp.example", "sub", "ana", "exp", NOW.plusSeconds(60)));
        VerifiedTokens tokens = tokens(jwt, "https://idp.example", null);

        assertThat(tokens.decode("token-a")).isSameAs(jwt);
        assertThat(tokens.decode("token-a")).isSameAs(jwt);
        assertThat(decoded.get()).as("the second use skips the signature check").isEqualTo(1);

        clock.now = NOW.plusSeconds(60);
        assertThatThrownBy(() -> tokens.decode("token-a")).isInstanceOf(JwtValidationException.class)
                                                           .hasMessageContaining("expired");
    }

    @Test
    void the_required_claims_and_the_principal_claim_are_required() {
        Jwt noExp = jwt(Map.of("iss", "https://idp.example", "sub", "ana"));
        assertThatThrownBy(() -> tokens(noExp, null, null).decode("x"))
                .isInstanceOfSatisfying(VerifiedTokens.MissingClaimException.class,
                                        e -> assertThat(e.claim()).isEqualTo("exp"));
        Jwt blankSub = jwt(Map.of("sub", " ", "exp", NOW.plusSeconds(60)));
        assertThatThrownBy(() -> tokens(blankSub, null, null).decode("x"))
                .isInstanceOfSatisfying(VerifiedTokens.MissingClaimException.class,
                                        e -> assertThat(e.claim()).isEqualTo("sub"));
        Jwt noEmail = jwt(Map.of("sub", "ana", "exp", NOW.plusSeconds(60)));
        VerifiedTokens byEmail = new VerifiedTokens(token -> noEmail,
                new LedgerSecurityProperties.Jwt("email", null, null, null, List.of("exp"), 100), clock);
        assertThatThrownBy(() -> byEmail.decode("x"))
                .isInstanceOfSatisfying(VerifiedTokens.MissingClaimException.class,
                                        e -> assertThat(e.claim()).isEqualTo("email"));
    }

    @Test
    void a_token_of_another_issuer_is_refused_and_not_remembered() {
        Jwt jwt = jwt(Map.of("iss", "https://elsewhere.example", "sub", "ana", "exp", NOW.plusSeconds(60)));
        VerifiedTokens tokens = tokens(jwt, "https://idp.example", null);

        assertThatThrownBy(() -> tokens.decode("x")).isInstanceOf(JwtValidationException.class);
        assertThatThrownBy(() -> tokens.decode("x")).isInstanceOf(JwtValidationException.class);
        assertThat(decoded.get()).isEqualTo(2);
    }

    @Test
    void principals_are_namespaced_by_issuer_and_claim() {
        Jwt jwt = jwt(Map.of("iss", "https://idp.example", "sub", "admin", "email", "ana@example.org"));

        assertThat(Principals.token(jwt, "sub")).isEqualTo("https://idp.example#admin");
        assertThat(Principals.token(jwt, "email")).isEqualTo("https://idp.example#email=ana@example.org");
        assertThat(Principals.token(jwt(Map.of("sub", "admin")), "sub")).isEqualTo("jwt#admin");
        assertThat(Principals.local("admin")).isEqualTo("local:admin");
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
