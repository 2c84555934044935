package org.provenance.ledger.projections.support;

/** Processing groups. Projections that read each other's tables share a group, so they see events in one order. */
public final class ProjectionNames {

    public static final String LEDGER = "ledger";

    private ProjectionNames() {
    }
}
