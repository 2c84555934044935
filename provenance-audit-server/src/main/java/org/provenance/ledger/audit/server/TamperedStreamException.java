package org.provenance.ledger.audit.server;

/** A write or load refused because the stream it touches was found tampered with and not yet acknowledged. */
public class TamperedStreamException extends RuntimeException {

    private final transient TamperAlarm.Finding finding;

    public TamperedStreamException(TamperAlarm.Finding finding) {
        super("tampering was found at event position " + finding.position() + " (" + finding.kind() + ": "
                      + finding.detail() + "); writes to the affected records are refused until an admin "
                      + "acknowledges the finding");
        this.finding = finding;
    }

    public TamperAlarm.Finding finding() {
        return finding;
    }
}
