package org.provenance.ledger.projections.support;

import java.util.List;

/** Processing groups. Projections that read each other's tables share a group, so they see events in one order. */
public final class ProjectionNames {

    public static final String LEDGER = "ledger";

    /**
     * The processor of a rebuild without downtime: fresh instances of the handlers of {@link #REBUILT}
     * writing into shadow tables, with a token of its own. Not a read model anyone reads from.
     */
    public static final String SHADOW = "ledger-shadow";

    /** The groups a shadow rebuild rebuilds (and whose tokens take the shadow's position at the switch). */
    public static final List<String> REBUILT = List.of(LEDGER);

    private ProjectionNames() {
    }
}
