package org.provenance.ledger.api.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A console login through the OpenID Connect issuer gets the same roles and facilities as a
 * Bearer token from that issuer: read from the same claims (ledger.security.jwt.*), of the ID
 * token and the user info. The issuer's own scopes are dropped: they are no ledger roles.
 */
final class OidcClaimsToAuthorities implements GrantedAuthoritiesMapper {

    private final LedgerSecurityProperties.Jwt claims;

    OidcClaimsToAuthorities(LedgerSecurityProperties.Jwt claims) {
        this.claims = claims;
    }

    @Override
    public Collection<? extends GrantedAuthority> mapAuthorities(Collection<? extends GrantedAuthority> authorities) {
        List<String> roles = new ArrayList<>();
        List<String> facilities = new ArrayList<>();
        for (GrantedAuthority authority : authorities) {
            Map<String, Object> attributes = authority instanceof OidcUserAuthority oidc ? oidc.getAttributes()
                    : authority instanceof OAuth2UserAuthority oauth ? oauth.getAttributes() : Map.of();
            roles.addAll(values(attributes.get(claims.rolesClaim())));
            facilities.addAll(values(attributes.get(claims.facilitiesClaim())));
        }
        return Roles.authorities(roles, facilities);
    }

    /**
     * The console's OIDC user, named {@code <iss>#<sub>} like a Bearer token of the same issuer
     * (Principals): the default name, the bare subject, could be mistaken for another origin's.
     */
    static OAuth2UserService<OidcUserRequest, OidcUser> namedLikeTokens(LedgerSecurityProperties.Jwt claims) {
        OidcUserService delegate = new OidcUserService();
        return request -> {
            OidcUser user = delegate.loadUser(request);
            String claim = claims.principalClaim() == null ? "sub" : claims.principalClaim();
            Object value = user.getAttributes().get(claim);
            String name = Principals.token(user.getIssuer() == null ? null : user.getIssuer().toString(), claim,
                                           value == null ? null : String.valueOf(value));
            return new DefaultOidcUser(user.getAuthorities(), user.getIdToken(), user.getUserInfo()) {
                @Override
                public String getName() {
                    return name;
                }
            };
        };
    }

    static List<String> values(Object value) {
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (value instanceof String text) {
            return List.of(text.split("[,\\s]+"));
        }
        return List.of();
    }
}
