package org.provenance.ledger.api.read;

/**
 * The read models cannot answer now; answering would show stale or half-built data (SPEC 7). The
 * code says which case, projection names the projection concerned (null when all are merely
 * behind), retryAfterSeconds is what the Retry-After header advises.
 */
public class ProjectionLagException extends RuntimeException {

    /** Stopped on an error: answered at once, retrying cannot help until the cause is removed. */
    public static final String STALLED = "read-models-stalled";
    /** Rebuilding (start-up after an upgrade or a restart behind the head, or an admin replay). */
    public static final String REBUILDING = "read-models-rebuilding";
    /** Running, but not caught up with this client's acknowledged writes within the timeout. */
    public static final String BEHIND = "read-models-behind";

    private final String code;
    private final String projection;
    private final int retryAfterSeconds;

    public ProjectionLagException(String code, String projection, String message, int retryAfterSeconds) {
        super(message, null, false, false);
        this.code = code;
        this.projection = projection;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String code() {
        return code;
    }

    public String projection() {
        return projection;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
