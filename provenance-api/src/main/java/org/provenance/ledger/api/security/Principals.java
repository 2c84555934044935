package org.provenance.ledger.api.security;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The names recorded as {@code principal} (event metadata, flag reviews, batch job submitters),
 * namespaced by where the identity comes from, so that two origins never give the same name:
 * <ul>
 *   <li>a local user (HTTP Basic): {@code local:<name>}, e.g. {@code local:admin};</li>
 *   <li>a token subject: {@code <iss>#<sub>}, e.g. {@code https://login.example.org/realms/ledger#admin};
 *       with another principal claim configured, {@code <iss>#<claim>=<value>}, e.g.
 *       {@code https://login.example.org/realms/ledger#email=ana@example.org}, so that a subject and
 *       another claim's value never collide either; a token without {@code iss} (keys configured
 *       directly, no issuer required) has the origin {@code jwt}.</li>
 * </ul>
 * A local name cannot contain {@code #} (refused at start-up), so it never looks like a token's.
 * The ledger's own writes (demo, start-up) record the bare {@code system}, which no user can be.
 */
public final class Principals {

    public static final String LOCAL_PREFIX = "local:";
    static final String UNNAMED_ISSUER = "jwt";

    private Principals() {
    }

    public static String local(String userName) {
        return LOCAL_PREFIX + userName;
    }

    static String token(Jwt jwt, String principalClaim) {
        return token(jwt.getClaimAsString("iss"), principalClaim, jwt.getClaimAsString(principalClaim));
    }

    /** A console login through the issuer is named as that issuer's tokens are. */
    static String token(String issuer, String principalClaim, String value) {
        String origin = issuer == null || issuer.isBlank() ? UNNAMED_ISSUER : issuer;
        return origin + "#" + ("sub".equals(principalClaim) ? value : principalClaim + "=" + value);
    }
}
