package org.provenance.ledger.api.write;

import org.axonframework.messaging.MetaData;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Every metadata key an event carries, in one place (docs/DESIGN.md, "Event metadata"): the
 * writer puts them on the command, Axon's correlation providers copy them onto its events.
 */
public final class WriteMetadata {

    public static final String PRINCIPAL = "principal";
    public static final String REQUEST_ID = "requestId";
    public static final String RECORDED_AT = "recordedAt";
    public static final String CORRELATION_ID = "correlationId";
    /** The id of the command that caused the event: how a group's events are matched to their writes. */
    public static final String TRACE_ID = "traceId";

    private WriteMetadata() {
    }

    /**
     * Who asks and the client's ids, taken from the current request (or the thread's authentication).
     * The time of recording is added when the write's group is committed ({@link #recordedAt}).
     */
    static MetaData ofCurrentRequest() {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(PRINCIPAL, CurrentRequest.principal());
        CurrentRequest.header(CurrentRequest.REQUEST_ID_HEADER).ifPresent(v -> metadata.put(REQUEST_ID, v));
        CurrentRequest.header(CurrentRequest.CORRELATION_ID_HEADER).ifPresent(v -> metadata.put(CORRELATION_ID, v));
        return MetaData.from(metadata);
    }

    static MetaData recordedAt(MetaData origin, Instant at) {
        return origin.and(RECORDED_AT, at.toString());
    }
}
