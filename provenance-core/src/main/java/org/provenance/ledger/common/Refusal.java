package org.provenance.ledger.common;

/**
 * Why the ledger refused a command. The code is part of the API contract: it is the last segment
 * of the problem type clients branch on (SPEC 7), so it never changes once published.
 */
public enum Refusal {
    /** The command is malformed, or names a facility or lot that does not exist. */
    INVALID_COMMAND("invalid-command"),
    /** The command addresses a bloc or flag the ledger does not have. */
    NOT_FOUND("not-found"),
    /** A create command brings an id another stream already has (or a repeated request has another body). */
    ID_IN_USE("id-in-use"),
    /** The lot is not in the custody of the facility acting on it. */
    NOT_IN_CUSTODY("not-in-custody"),
    /** The lot has no mass left. */
    LOT_CONSUMED("lot-consumed"),
    /** More mass was asked of the lot than it has left. */
    INSUFFICIENT_MASS("insufficient-mass"),
    /** The change would precede one already recorded; a stream's business time only moves forward. */
    OUT_OF_ORDER("out-of-order"),
    /** The country is a member of the bloc already. */
    ALREADY_MEMBER("already-member"),
    /** The country is not a member of the bloc. */
    NOT_A_MEMBER("not-a-member"),
    /** The transfer cannot be voided: the buyer moved or used the lot since, or it was voided already. */
    MOVED_SINCE("moved-since"),
    /** An EPCIS error declaration on an event whose ledger record has no correction of its own (an extraction, a transformation). */
    NOT_CORRECTABLE("not-correctable"),
    /** Another command changed the same stream at the same time; nothing was recorded. */
    CONCURRENT_CHANGE("concurrent-change"),

    // Refusals of the operators' replay command (provenance-api), kept in this table so codes stay unique.
    /** The projection is being replayed already. */
    REPLAY_IN_PROGRESS("replay-in-progress"),
    /** The projection's processor cannot be reset. */
    REPLAY_NOT_SUPPORTED("replay-not-supported"),
    /** Another ledger node holds the projection's token. */
    PROJECTION_BUSY("projection-busy");

    private final String code;

    Refusal(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
