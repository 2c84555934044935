package org.provenance.ledger.projections.support;

import org.axonframework.eventhandling.TrackingToken;

/** The global event position a read model row was last written at, for diagnostics and replays. */
public final class Positions {

    private Positions() {
    }

    public static long of(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }
}
