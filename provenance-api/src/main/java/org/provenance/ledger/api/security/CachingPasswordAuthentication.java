package org.provenance.ledger.api.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP Basic over a stateless API checks the password on every request, and a bcrypt check costs
 * about 100 ms of CPU here: a client would pay it per call. A successful check is remembered for a
 * few minutes, keyed by a salted SHA-256 of the user name and password (the password itself is
 * not kept); a wrong password is always checked in full, and counted by the {@link LoginThrottle}:
 * once a user name or a client address has spent its failures, its attempts are refused with 429
 * before any check, a right password included (else guessing would go on, told apart by the answer).
 * <p>
 * The authentication returned names the user {@code local:<name>} ({@link Principals}), so that a
 * local user and a token subject of the same name are never taken for one another.
 * <p>
 * Passwords are never re-encoded after login (Spring's default "upgrade" would turn a {noop}
 * password into bcrypt in memory, silently making every later request slow).
 */
public final class CachingPasswordAuthentication implements AuthenticationProvider {

    private static final int MAX_ENTRIES = 10_000;

    private record Remembered(Authentication authentication, long expiresAtNanos) {
    }

    private final DaoAuthenticationProvider delegate;
    private final LoginThrottle throttle;
    private final long ttlNanos;
    private final byte[] salt = new byte[32];
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    public CachingPasswordAuthentication(UserDetailsService users, PasswordEncoder encoder, Duration ttl,
                                         LedgerSecurityProperties.LoginThrottle throttle) {
        this.throttle = new LoginThrottle(throttle);
        // The lambda hides the user store's UserDetailsPasswordService side: no password upgrades.
        this.delegate = new DaoAuthenticationProvider(users::loadUserByUsername);
        this.delegate.setPasswordEncoder(encoder);
        this.ttlNanos = ttl.toNanos();
        new SecureRandom().nextBytes(salt);
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String user = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web
                ? web.getRemoteAddress() : null;
        Optional<Duration> wait = throttle.refusal(user, address);
        if (wait.isPresent()) {
            throw new LoginThrottledException(wait.get());
        }
        String key = key(user, String.valueOf(authentication.getCredentials()));
        Remembered hit = remembered.get(key);
        long now = System.nanoTime();
        if (hit != null && now < hit.expiresAtNanos()) {
            return hit.authentication();
        }
        Authentication checked;
        try {
            checked = delegate.authenticate(authentication);
        } catch (BadCredentialsException e) {
            throttle.failed(user, address);
            throw e;
        }
        UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(
                Principals.local(checked.getName()), null, checked.getAuthorities());
        if (remembered.size() >= MAX_ENTRIES) {
            remembered.clear();
        }
        remembered.put(key, new Remembered(result, now + ttlNanos));
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private String key(String user, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(user.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
