package org.provenance.ledger.audit.server;

import org.provenance.ledger.audit.chain.ChainHash;
import org.provenance.ledger.audit.chain.EventRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * Recomputes the chain from the event store and compares it, position by position, with what was
 * chained. Events and chain entries are read together in batches of {@value #BATCH} positions, so
 * memory does not grow with the ledger. Stops at the first position that does not match.
 */
@Component
public class ChainVerifier {

    /** What is wrong at the first position that does not match. */
    public enum Finding {
        /** the event's content hashes differently from what was chained */
        ALTERED,
        /** something chained is gone: the event row, or the chain entry itself */
        MISSING,
        /** an event row the chain never covered sits below the chain head, or out of place */
        INSERTED,
        /** the content at this position was chained at another position: events were swapped or moved */
        REORDERED
    }

    public record Failure(long position, Finding reason, String detail) {
    }

    /**
     * @param intact          true when every chained event recomputes to its chained hash, in order
     * @param checkedEvents   events recomputed before the verdict
     * @param headPosition    the chain's last position when verification began
     * @param headHash        the chain hash at that position (hex)
     * @param unchainedEvents events committed after the head and not chained yet (normal: the chainer follows shortly)
     */
    public record Report(boolean intact, long checkedEvents, long headPosition, String headHash, long unchainedEvents,
                         Instant verifiedAt, long durationMillis, Failure failure) {
    }

    static final int BATCH = 1000;

    private static final Logger log = LoggerFactory.getLogger(ChainVerifier.class);

    private final AuditChainStore store;

    public ChainVerifier(AuditChainStore store) {
        this.store = store;
    }

    public Report verify() {
        long started = System.nanoTime();
        AuditChainStore.Head head = store.head();
        byte[] hash = ChainHash.genesis();
        long linked = 0;
        long checked = 0;
        long after = 0;
        Failure failure = null;
        scan:
        while (after < head.position()) {
            List<AuditChainStore.Pair> batch = store.merged(after, head.position(), BATCH);
            if (batch.isEmpty()) {
                break;
            }
            for (AuditChainStore.Pair pair : batch) {
                failure = check(pair, linked, hash);
                if (failure != null) {
                    break scan;
                }
                hash = ChainHash.next(hash, pair.event());
                linked = pair.position();
                checked++;
            }
            after = batch.get(batch.size() - 1).position();
        }
        if (failure == null && !Arrays.equals(hash, head.hash())) {
            // Only reachable if the head moved under us; the batches above compared every entry.
            failure = new Failure(head.position(), Finding.ALTERED, "the recomputed head hash differs from the chain's");
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (failure != null) {
            log.warn("Audit verification failed at position {}: {} ({})", failure.position(), failure.reason(),
                     failure.detail());
        } else {
            log.info("Audit verification: {} events up to position {} intact ({} ms)", checked, head.position(), millis);
        }
        return new Report(failure == null, checked, head.position(), ChainHash.hex(head.hash()),
                          store.eventsAfter(head.position()), Instant.now(), millis, failure);
    }

    private Failure check(AuditChainStore.Pair pair, long linked, byte[] previousHash) {
        long position = pair.position();
        ChainEntry entry = pair.entry();
        EventRow event = pair.event();
        if (entry == null) {
            if (store.linkAfter(position) == position) {
                return new Failure(position, Finding.MISSING, "the chain entry for this position is gone; "
                        + "the event row is still there and the next entry links to it");
            }
            return new Failure(position, Finding.INSERTED, "an event row that the chain never covered, below the "
                    + "chain head (written after the chain passed this position: forged, or a write that "
                    + "committed after the gap grace period)");
        }
        if (event == null) {
            return new Failure(position, Finding.MISSING, "the event chained at this position is gone from the "
                    + "event store");
        }
        if (entry.previous() > linked) {
            return new Failure(entry.previous(), Finding.MISSING, "the chain entry at position " + position
                    + " links to this position, whose event and chain entry are both gone");
        }
        if (entry.previous() < linked) {
            return new Failure(linked, Finding.INSERTED, "the event and chain entry at this position were added "
                    + "afterwards: the chain entry at position " + position + " links past it to position "
                    + entry.previous());
        }
        byte[] hash = ChainHash.next(previousHash, event);
        if (Arrays.equals(hash, entry.hash())) {
            return null;
        }
        byte[] payload = ChainHash.sha256(event.payload());
        if (!Arrays.equals(payload, entry.payloadSha256())) {
            OptionalLong origin = store.chainedWithPayload(payload, position);
            if (origin.isPresent()) {
                return new Failure(position, Finding.REORDERED, "the payload stored here was chained at position "
                        + origin.getAsLong() + ": events were swapped or moved");
            }
            return new Failure(position, Finding.ALTERED, "the payload differs from the one chained at this position");
        }
        return new Failure(position, Finding.ALTERED, "the payload is as chained, but another stored field (type, "
                + "stream, sequence, timestamp, metadata or event id) or the chained hash differs");
    }
}
