package org.provenance.ledger.api.epcis;

import java.util.List;

/**
 * Published as a Spring application event after a capture's transaction has committed, with the
 * eventIDs it stored for the first time or that it declared in error (other repeats of earlier
 * captures are not in it). Subscriptions
 * match their queries against these rows of {@code epcis_event}; nothing else is handed over, so a
 * listener reads exactly what a query would.
 */
public record EpcisEventsCaptured(String captureId, List<String> eventIds) {
    public EpcisEventsCaptured {
        eventIds = List.copyOf(eventIds);
    }
}
