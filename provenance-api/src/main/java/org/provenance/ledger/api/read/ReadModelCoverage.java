package org.provenance.ledger.api.read;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Whether the read models cover a global position, whichever node wrote them (SPEC 14).
 * <p>
 * A projection's rows and its token commit in one transaction, so the token store is the truth
 * about what the read models hold, on every node. A segment this node has claimed is judged by its
 * own processor's status (fresher, and free); a segment claimed by another node, or by nobody at
 * the moment, by its stored token. Tokens are read with one query for all processors, at most
 * every {@link #STORE_REFRESH}, and shared by all the reads waiting at that moment, so a hundred
 * waiting reads cost one query per refresh, not a hundred.
 */
@Component
public class ReadModelCoverage {

    static final Duration STORE_REFRESH = Duration.ofMillis(20);
    /** How long the set of segments that exist is trusted before it is read again (it changes on split and merge only). */
    private static final Duration SEGMENTS_REFRESH = Duration.ofSeconds(1);

    private final JdbcClient jdbc;
    private final Serializer serializer;

    private Map<String, Map<Integer, TrackingToken>> stored = Map.of();
    private long storedAt = Long.MIN_VALUE;

    public ReadModelCoverage(JdbcClient jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /**
     * Whether every segment of the processor has handled the event at this position. A gap-aware
     * token may hold a position below its index as a gap (a transaction that committed late): that
     * one is not handled yet. A processor with no segment anywhere (a fresh token store) covers nothing.
     */
    public boolean covers(String name, StreamingEventProcessor processor, long position) {
        Map<Integer, EventTrackerStatus> local = processor.processingStatus();
        if (!local.isEmpty() && local.keySet().containsAll(segments(name, SEGMENTS_REFRESH))) {
            return local.values().stream().allMatch(s -> covers(s.getTrackingToken(), position));
        }
        Map<Integer, TrackingToken> tokens = storedTokens(STORE_REFRESH).getOrDefault(name, Map.of());
        Set<Integer> segments = new HashSet<>(tokens.keySet());
        segments.addAll(local.keySet());
        if (segments.isEmpty()) {
            return false;
        }
        for (Integer segment : segments) {
            EventTrackerStatus mine = local.get(segment);
            TrackingToken token = mine != null ? mine.getTrackingToken() : tokens.get(segment);
            if (!covers(token, position)) {
                return false;
            }
        }
        return true;
    }

    static boolean covers(TrackingToken wrapped, long position) {
        TrackingToken token = WrappedToken.unwrapLowerBound(wrapped);
        if (token == null) {
            return false;
        }
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return token.position().orElse(-1) >= position;
    }

    private Set<Integer> segments(String name, Duration maxAge) {
        return storedTokens(maxAge).getOrDefault(name, Map.of()).keySet();
    }

    private synchronized Map<String, Map<Integer, TrackingToken>> storedTokens(Duration maxAge) {
        long now = System.nanoTime();
        if (storedAt != Long.MIN_VALUE && now - storedAt < maxAge.toNanos()) {
            return stored;
        }
        Map<String, Map<Integer, TrackingToken>> tokens = new HashMap<>();
        jdbc.sql("select processor_name, segment, token, token_type from token_entry").query((rs, row) -> {
            byte[] bytes = rs.getBytes("token");
            String type = rs.getString("token_type");
            TrackingToken token = bytes == null || type == null ? null
                    : serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
            tokens.computeIfAbsent(rs.getString("processor_name"), k -> new HashMap<>())
                  .put(rs.getInt("segment"), token);
            return null;
        }).list();
        stored = tokens;
        storedAt = System.nanoTime();
        return stored;
    }
}
