package org.provenance.ledger.api.console;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.util.List;

/** Who is looking: what the templates need to show or hide (the URLs are guarded by the filter chain). */
public record ConsoleUser(String name, boolean reader, boolean compliance, boolean auditor, boolean operator,
                          List<String> facilities) {

    static ConsoleUser of(Authentication auth) {
        List<String> authorities = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
        boolean compliance = authorities.contains("ROLE_COMPLIANCE");
        boolean auditor = authorities.contains("ROLE_AUDITOR");
        boolean admin = authorities.contains("ROLE_ADMIN");
        return new ConsoleUser(auth.getName(), compliance || auditor || admin, compliance, auditor,
                               authorities.contains("ROLE_OPERATOR"),
                               authorities.stream().filter(a -> a.startsWith("FACILITY:"))
                                          .map(a -> a.substring("FACILITY:".length())).sorted().toList());
    }
}
