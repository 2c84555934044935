package org.provenance.ledger.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OidcClaimsToAuthoritiesTest {

    @Test
    void a_console_login_through_the_issuer_gets_the_roles_and_facilities_of_its_claims_and_nothing_else() {
        OidcIdToken token = new OidcIdToken("t", Instant.now(), Instant.now().plusSeconds(60),
                                            Map.of("sub", "ana", "roles", List.of("operator", "UNRELATED"),
                                                   "facilities", "MINE-1 SEP-2"));
        var mapped = new OidcClaimsToAuthorities(new LedgerSecurityProperties.Jwt(null, null, null, null, null, null))
                .mapAuthorities(List.of(new OidcUserAuthority(token), new SimpleGrantedAuthority("SCOPE_openid")));
        assertThat(mapped).extracting(GrantedAuthority::getAuthority)
                          .containsExactlyInAnyOrder("ROLE_OPERATOR", "FACILITY:MINE-1", "FACILITY:SEP-2");
    }
}
