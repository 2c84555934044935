package org.provenance.ledger.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may use the ledger. Local users (HTTP Basic) for the embedded default and tests;
 * production points spring.security.oauth2.resourceserver.jwt.* at an OpenID Connect issuer and
 * maps the token's claims with {@link Jwt}.
 *
 * @param localUsers by user name: a Spring-encoded password ({bcrypt}..., {noop}...), roles and,
 *                   for operators, the facility ids they record for ("*": every facility)
 * @param passwordCheckCache how long a successful password check is remembered (default 5 minutes)
 * @param loginThrottle how many failed password checks a user name, and a client address, may make
 */
@ConfigurationProperties("ledger.security")
public record LedgerSecurityProperties(Map<String, LocalUser> localUsers, Jwt jwt, Duration passwordCheckCache,
                                       LoginThrottle loginThrottle) {

    public record LocalUser(String password, List<String> roles, List<String> facilities) {
        public LocalUser {
            roles = roles == null ? List.of() : roles;
            facilities = facilities == null ? List.of() : facilities;
        }
    }

    /**
     * @param principalClaim  the claim naming the user recorded in events (default sub); always required
     * @param rolesClaim      a list (or space/comma separated string) of OPERATOR, COMPLIANCE, AUDITOR, ADMIN
     * @param facilitiesClaim a list (or separated string) of facility ids an operator records for
     * @param issuer          the required iss claim when keys are configured directly (public-key-location,
     *                        jwk-set-uri); with issuer-uri, Spring validates the discovered issuer itself
     * @param requiredClaims  claims a token must carry (default exp and sub); a token without one is refused
     * @param cacheSize       how many verified tokens are remembered (each until its exp at the latest)
     */
    public record Jwt(String principalClaim, String rolesClaim, String facilitiesClaim, String issuer,
                      List<String> requiredClaims, Integer cacheSize) {
        public Jwt {
            principalClaim = principalClaim == null ? "sub" : principalClaim;
            rolesClaim = rolesClaim == null ? "roles" : rolesClaim;
            facilitiesClaim = facilitiesClaim == null ? "facilities" : facilitiesClaim;
            requiredClaims = requiredClaims == null ? List.of("exp", "sub")
                    : requiredClaims.stream().map(String::strip).filter(c -> !c.isEmpty()).toList();
            cacheSize = cacheSize == null ? 10_000 : cacheSize;
        }

        /** The configured required claims and the principal claim, which names the user in events. */
        public Set<String> claimsRequired() {
            Set<String> claims = new LinkedHashSet<>(requiredClaims);
            claims.add(principalClaim);
            return claims;
        }
    }

    /**
     * Failed logins allowed before attempts are answered 429: each limit is a number of failures that
     * refills evenly over its period (10 per 5 minutes: one more attempt every 30 s once spent).
     *
     * @param perUser    failures per user name, whatever the address
     * @param perAddress failures per client address, whatever the user name
     * @param tracked    at most this many user names, and as many addresses, are tracked (least used dropped)
     */
    public record LoginThrottle(Limit perUser, Limit perAddress, Integer tracked) {
        public LoginThrottle {
            perUser = Limit.or(perUser, new Limit(10, Duration.ofMinutes(5)));
            perAddress = Limit.or(perAddress, new Limit(100, Duration.ofMinutes(5)));
            tracked = tracked == null ? 100_000 : tracked;
        }
    }

    /** A limit given in part takes the rest from the default. */
    public record Limit(Integer failures, Duration period) {
        public Limit {
            if ((failures != null && failures < 1) || (period != null && (period.isNegative() || period.isZero()))) {
                throw new IllegalArgumentException("a login throttle limit needs failures >= 1 and a positive period");
            }
        }

        static Limit or(Limit given, Limit fallback) {
            return given == null ? fallback
                    : new Limit(given.failures() == null ? fallback.failures() : given.failures(),
                                given.period() == null ? fallback.period() : given.period());
        }
    }

    public LedgerSecurityProperties {
        localUsers = localUsers == null ? Map.of() : localUsers;
        jwt = jwt == null ? new Jwt(null, null, null, null, null, null) : jwt;
        passwordCheckCache = passwordCheckCache == null ? Duration.ofMinutes(5) : passwordCheckCache;
        loginThrottle = loginThrottle == null ? new LoginThrottle(null, null, null) : loginThrottle;
    }
}
