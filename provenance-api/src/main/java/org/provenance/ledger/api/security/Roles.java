package org.provenance.ledger.api.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The ledger's roles (SPEC 8) and the authorities that carry them and an operator's facilities. */
public final class Roles {

    public static final String OPERATOR = "OPERATOR";
    public static final String COMPLIANCE = "COMPLIANCE";
    public static final String AUDITOR = "AUDITOR";
    public static final String ADMIN = "ADMIN";
    public static final Set<String> ALL = Set.of(OPERATOR, COMPLIANCE, AUDITOR, ADMIN);

    /** An operator bound to every facility: for bootstrap and system integrations. */
    public static final String ALL_FACILITIES = "*";
    static final String FACILITY_PREFIX = "FACILITY:";

    private Roles() {
    }

    /** Refuses unless the caller holds the role: for checks finer than a URL, such as a batch's lines. */
    public static void require(String role) {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || auth.getAuthorities().stream().noneMatch(a -> a.getAuthority().equals("ROLE_" + role))) {
            throw new org.springframework.security.access.AccessDeniedException("this needs the " + role + " role");
        }
    }

    /** Refuses unless the caller holds at least one of the roles. */
    public static void requireAny(Collection<String> roles) {
        if (roles.size() == 1) {
            require(roles.iterator().next());
            return;
        }
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || auth.getAuthorities().stream()
                                .noneMatch(a -> roles.stream().anyMatch(r -> a.getAuthority().equals("ROLE_" + r)))) {
            throw new org.springframework.security.access.AccessDeniedException("this needs one of the roles " + roles);
        }
    }

    /** Unknown role names are ignored: a token from a shared issuer may carry other applications' roles. */
    public static List<GrantedAuthority> authorities(Collection<String> roles, Collection<String> facilities) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String role : roles) {
            String name = role.strip().toUpperCase(Locale.ROOT);
            if (ALL.contains(name)) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + name));
            }
        }
        for (String facility : facilities) {
            if (!facility.isBlank()) {
                authorities.add(new SimpleGrantedAuthority(FACILITY_PREFIX + facility.strip()));
            }
        }
        return authorities;
    }
}
