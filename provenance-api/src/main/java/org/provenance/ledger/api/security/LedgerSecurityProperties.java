package org.provenance.ledger.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Who may use the ledger. Local users (HTTP Basic) for the embedded default and tests;
 * production points spring.security.oauth2.resourceserver.jwt.* at an OpenID Connect issuer and
 * maps the token's claims with {@link Jwt}.
 *
 * @param localUsers by user name: a Spring-encoded password ({bcrypt}..., {noop}...), roles and,
 *                   for operators, the facility ids they record for ("*": every facility)
 * @param passwordCheckCache how long a successful password check is remembered (default 5 minutes)
 */
@ConfigurationProperties("ledger.security")
public record LedgerSecurityProperties(Map<String, LocalUser> localUsers, Jwt jwt, Duration passwordCheckCache) {

    public record LocalUser(String password, List<String> roles, List<String> facilities) {
        public LocalUser {
            roles = roles == null ? List.of() : roles;
            facilities = facilities == null ? List.of() : facilities;
        }
    }

    /**
     * @param principalClaim  the claim naming the user recorded in events (default sub)
     * @param rolesClaim      a list (or space/comma separated string) of OPERATOR, COMPLIANCE, AUDITOR, ADMIN
     * @param facilitiesClaim a list (or separated string) of facility ids an operator records for
     * @param issuer          the required iss claim when keys are configured directly (public-key-location,
     *                        jwk-set-uri); with issuer-uri, Spring validates the discovered issuer itself
     */
    public record Jwt(String principalClaim, String rolesClaim, String facilitiesClaim, String issuer) {
        public Jwt {
            principalClaim = principalClaim == null ? "sub" : principalClaim;
            rolesClaim = rolesClaim == null ? "roles" : rolesClaim;
            facilitiesClaim = facilitiesClaim == null ? "facilities" : facilitiesClaim;
        }
    }

    public LedgerSecurityProperties {
        localUsers = localUsers == null ? Map.of() : localUsers;
        jwt = jwt == null ? new Jwt(null, null, null, null) : jwt;
        passwordCheckCache = passwordCheckCache == null ? Duration.ofMinutes(5) : passwordCheckCache;
    }
}
