package org.provenance.ledger.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingPasswordAuthenticationTest {

    private static final LedgerSecurityProperties.LoginThrottle DEFAULT_THROTTLE =
            new LedgerSecurityProperties.LoginThrottle(null, null, null);

    /** Counts the password checks, the costly part (bcrypt) a good password must not pay per request. */
    private final AtomicInteger checks = new AtomicInteger();
    private final PasswordEncoder real = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final PasswordEncoder encoder = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return real.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            return real.matches(raw, encoded);
        }
    };
    private final InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
            User.withUsername("officer").password(encoder.encode("right horse battery")).roles("COMPLIANCE").build(),
            User.withUsername("tester").password("{noop}plain").roles("AUDITOR").build());

    @Test
    void a_successful_check_is_remembered_and_a_wrong_password_is_always_refused() {
        CachingPasswordAuthentication auth = new CachingPasswordAuthentication(users, encoder, Duration.ofMinutes(5), DEFAULT_THROTTLE);

        Authentication first = auth.authenticate(token("officer", "right horse battery"));
        Authentication second = auth.authenticate(token("officer", "right horse battery"));

        assertThat(first.isAuthenticated()).isTrue();
        assertThat(second).isSameAs(first);
        assertThatThrownBy(() -> auth.authenticate(token("officer", "wrong horse")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> auth.authenticate(token("nobody", "right horse battery")))
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void a_good_password_is_hashed_once_and_a_wrong_one_every_time() {
        CachingPasswordAuthentication auth = new CachingPasswordAuthentication(users, encoder, Duration.ofMinutes(5),
                                                                               DEFAULT_THROTTLE);

        for (int i = 0; i < 5; i++) {
            assertThat(auth.authenticate(token("officer", "right horse battery")).getName()).isEqualTo("local:officer");
        }
        assertThat(checks.get()).isEqualTo(1);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> auth.authenticate(token("officer", "wrong horse")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThat(checks.get()).isEqualTo(4);
    }

    @Test
    void a_user_out_of_failures_is_refused_before_any_check_and_others_are_not() {
        var twoPerMinute = new LedgerSecurityProperties.Limit(2, Duration.ofMinutes(1));
        CachingPasswordAuthentication auth = new CachingPasswordAuthentication(users, encoder, Duration.ofMinutes(5),
                new LedgerSecurityProperties.LoginThrottle(twoPerMinute, null, null));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> auth.authenticate(token("officer", "wrong horse", "192.0.2.1")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        int checked = checks.get();

        assertThatThrownBy(() -> auth.authenticate(token("officer", "right horse battery", "192.0.2.2")))
                .isInstanceOf(LoginThrottledException.class)
                .satisfies(e -> assertThat(((LoginThrottledException) e).retryAfterSeconds()).isBetween(1L, 30L));
        assertThat(checks.get()).as("no password check while throttled").isEqualTo(checked);
        assertThat(auth.authenticate(token("tester", "plain", "192.0.2.1")).getName()).isEqualTo("local:tester");
    }

    @Test
    void an_address_out_of_failures_is_refused_for_every_user() {
        var threePerMinute = new LedgerSecurityProperties.Limit(3, Duration.ofMinutes(1));
        CachingPasswordAuthentication auth = new CachingPasswordAuthentication(users, encoder, Duration.ofMinutes(5),
                new LedgerSecurityProperties.LoginThrottle(null, threePerMinute, null));
        for (String name : new String[] {"a", "b", "c"}) {
            assertThatThrownBy(() -> auth.authenticate(token(name, "guess", "192.0.2.9")))
                    .isInstanceOf(BadCredentialsException.class);
        }

        assertThatThrownBy(() -> auth.authenticate(token("tester", "plain", "192.0.2.9")))
                .isInstanceOf(LoginThrottledException.class);
        assertThat(auth.authenticate(token("tester", "plain", "192.0.2.10")).isAuthenticated()).isTrue();
    }

    @Test
    void a_remembered_check_expires() {
        CachingPasswordAuthentication auth = new CachingPasswordAuthentication(users, encoder, Duration.ZERO, DEFAULT_THROTTLE);

        Authentication first = auth.authenticate(token("officer", "right horse battery"));

        assertThat(auth.authenticate(token("officer", "right horse battery"))).isNotSameAs(first);
    }

    @Test
    void a_plain_password_is_not_re_encoded_after_login() {
        CachingPasswordAuthentication auth = new CachingPasswordAuthentication(users, encoder, Duration.ZERO, DEFAULT_THROTTLE);

        auth.authenticate(token("tester", "plain"));

        assertThat(users.loadUserByUsername("tester").getPassword()).isEqualTo("{noop}plain");
    }

    private static UsernamePasswordAuthenticationToken token(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }

    private static UsernamePasswordAuthenticationToken token(String user, String password, String address) {
        UsernamePasswordAuthenticationToken token = token(user, password);
        token.setDetails(new WebAuthenticationDetails(address, null));
        return token;
    }
}
