package org.provenance.ledger.projections.support;

/** Processing groups. Projections that read each other's tables share a group, so they see events in one order. */
public final class ProjectionNames {

    public static final String LEDGER = "ledger";

    /**
     * Keyed inserts no other projection reads (transfers, check receipts): any order will do, so this
     * group is split into segments that several nodes share (docs/DESIGN.md, "Several nodes").
     */
    public static final String EDGES = "ledger-edges";

    private ProjectionNames() {
    }
}
