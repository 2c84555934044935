package org.provenance.ledger.api.read;

/** The read models did not catch up with acknowledged writes in time; answering would show stale data. */
public class ProjectionLagException extends RuntimeException {

    public ProjectionLagException(String message) {
        super(message, null, false, false);
    }
}
