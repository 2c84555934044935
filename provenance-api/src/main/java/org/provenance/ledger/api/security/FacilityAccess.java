package org.provenance.ledger.api.security;

import org.provenance.ledger.common.Validation;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * An operator records only for its own facilities (SPEC 8): extractions at its mines,
 * transformations at its facilities, transfers out of its custody. Checked before the command is
 * dispatched, so a refused request appends nothing.
 */
@Component
public class FacilityAccess {

    /**
     * Refuses unless the caller operates the facility. A missing or malformed id is left to the
     * command's own validation, which answers 400 naming the field.
     */
    public void requireOperatorOf(String facilityId, String field) {
        if (!Validation.isId(facilityId)) {
            return;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                                .noneMatch(a -> a.equals(Roles.FACILITY_PREFIX + facilityId)
                                        || a.equals(Roles.FACILITY_PREFIX + Roles.ALL_FACILITIES))) {
            throw new AccessDeniedException("you do not operate facility " + facilityId + " (" + field + ")");
        }
    }

    /** Whether the caller operates every facility (facilities "*"): nothing to check per facility. */
    public boolean operatesEveryFacility() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                                   .anyMatch(a -> a.equals(Roles.FACILITY_PREFIX + Roles.ALL_FACILITIES));
    }
}
