package org.provenance.ledger.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingPasswordAuthenticationTest {

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
            User.withUsername("officer").password(encoder.encode("right horse battery")).roles("COMPLIANCE").build(),
            User.withUsername("tester").password("{noop}plain").roles("AUDITOR").build());

    @Test
    void a_successful_check_is_remembered_and_a_wrong_password_is_always_refused() {
        CachingPasswordAuthentication auth = new CachingPasswordAuthentication(users, encoder, Duration.ofMinutes(5));

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
    void a_remembered_check_expires() {
        CachingPasswordAuthentication auth = new CachingPasswordAuthentication(users, encoder, Duration.ZERO);

        Authentication first = auth.authenticate(token("officer", "right horse battery"));

        assertThat(auth.authenticate(token("officer", "right horse battery"))).isNotSameAs(first);
    }

    @Test
    void a_plain_password_is_not_re_encoded_after_login() {
        CachingPasswordAuthentication auth = new CachingPasswordAuthentication(users, encoder, Duration.ZERO);

        auth.authenticate(token("tester", "plain"));

        assertThat(users.loadUserByUsername("tester").getPassword()).isEqualTo("{noop}plain");
    }

    private static UsernamePasswordAuthenticationToken token(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }
}
