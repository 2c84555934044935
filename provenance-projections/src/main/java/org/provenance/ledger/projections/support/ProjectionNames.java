package org.provenance.ledger.projections.support;

/** Processing groups. Projections that read each other's tables share a group, so they see events in one order. */
public final class ProjectionNames {

    public static final String LEDGER = "ledger";

    /**
     * The processor of a rebuild without downtime: second instances of every handler of this module,
     * whatever its group, writing into shadow tables with a token of its own. No read model reads it.
     */
    public static final String SHADOW = "ledger-shadow";

    /**
     * Keyed inserts no other projection reads (transfers, check receipts): any order will do, so this
     * group is split into segments that several nodes share (docs/DESIGN.md, "Several nodes").
     */
    public static final String EDGES = "ledger-edges";

    private ProjectionNames() {
    }
}
