package org.provenance.ledger.api.write;

import org.provenance.ledger.api.security.Roles;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of write, each with the role it needs (SPEC 8): the one place a write's role is
 * decided, for the REST endpoints, batch lines and batch jobs alike. Operators are further
 * bound to their own facilities (FacilityAccess). The names are the batch line types and the
 * first part of the request registry's keys.
 */
public enum WriteKind {
    FACILITY("facility", Roles.ADMIN),
    BLOC("bloc", Roles.ADMIN),
    ADMISSION("admission", Roles.ADMIN),
    DEPARTURE("departure", Roles.ADMIN),
    PRICE_FLOOR("price-floor", Roles.ADMIN),
    EXTRACTION("extraction", Roles.OPERATOR),
    REGISTRATION("registration", Roles.OPERATOR),
    TRANSFORMATION("transformation", Roles.OPERATOR),
    TRANSFER("transfer", Roles.OPERATOR),
    REVIEW("review", Roles.COMPLIANCE);

    private final String type;
    private final String role;

    WriteKind(String type, String role) {
        this.type = type;
        this.role = role;
    }

    public String type() {
        return type;
    }

    public String role() {
        return role;
    }

    /** Refuses unless the caller holds this kind's role. */
    public void requireRole() {
        Roles.require(role);
    }

    public static Optional<WriteKind> ofType(String type) {
        return Arrays.stream(values()).filter(k -> k.type.equals(type)).findFirst();
    }

    public static List<String> types() {
        return Arrays.stream(values()).map(WriteKind::type).toList();
    }
}
