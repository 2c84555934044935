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
    REVIEW("review", Roles.COMPLIANCE),
    /** A facility correction (SPEC 12): not a batch line, one at a time with its recall. */
    CORRECTION("correction", false, Roles.ADMIN),
    /** A transfer void: compliance, or the seller's operator (checked by the use case). */
    VOID("void", false, Roles.COMPLIANCE, Roles.OPERATOR),
    /** A captured EPCIS event (POST /epcis/capture, /epcis/events): its own endpoints, not a batch line. */
    EPCIS_EVENT("epcis-event", false, Roles.OPERATOR),
    /** An EPCIS event captured again with an errorDeclaration: recorded on the event's stream, with the void it asks for. */
    EPCIS_ERROR_DECLARATION("epcis-error-declaration", false, Roles.OPERATOR),
    /** A part check (POST /api/checks): recorded like a write, but not a batch line. */
    CHECK("check", false, Roles.COMPLIANCE, Roles.AUDITOR);

    private final String type;
    private final boolean batchLine;
    private final List<String> roles;

    WriteKind(String type, String role) {
        this(type, true, role);
    }

    WriteKind(String type, boolean batchLine, String... roles) {
        this.type = type;
        this.batchLine = batchLine;
        this.roles = List.of(roles);
    }

    public String type() {
        return type;
    }

    /** The role this kind needs (the first, where any of several will do). */
    public String role() {
        return roles.get(0);
    }

    /** Refuses unless the caller holds one of this kind's roles. */
    public void requireRole() {
        Roles.requireAny(roles);
    }

    /** The batch line type of that name. */
    public static Optional<WriteKind> ofType(String type) {
        return Arrays.stream(values()).filter(k -> k.batchLine && k.type.equals(type)).findFirst();
    }

    /** The batch line types. */
    public static List<String> types() {
        return Arrays.stream(values()).filter(k -> k.batchLine).map(WriteKind::type).toList();
    }
}
