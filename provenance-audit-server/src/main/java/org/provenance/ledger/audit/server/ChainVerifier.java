package org.provenance.ledger.audit.server;

import org.provenance.ledger.audit.chain.ChainHash;
import org.provenance.ledger.audit.chain.EventRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
        REORDERED,
        /** an event row the ledger did not seal, or whose seal does not match it: written by someone else */
        FORGED
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

    /**
     * How far a scan got.
     *
     * @param checked  events recomputed (or, after the head, seal-checked) before the verdict
     * @param position the last position looked at
     * @param failure  the first mismatch, or null
     * @param related  another position the failure involves (the origin of a REORDERED payload), or -1
     */
    record Scan(long checked, long position, Failure failure, long related) {
    }

    static final int BATCH = 1000;

    private static final Logger log = LoggerFactory.getLogger(ChainVerifier.class);

    private final AuditChainStore store;
    private final Seals seals;

    public ChainVerifier(AuditChainStore store, Seals seals) {
        this.store = store;
        this.seals = seals;
    }

    /** The whole chain, then the seals of every event after its head. */
    public Report verify() {
        long started = System.nanoTime();
        AuditChainStore.Head head = store.head();
        Scan scan = scanChain(0, head.position(), Long.MAX_VALUE);
        Failure failure = scan.failure();
        long checked = scan.checked();
        if (failure == null && seals.originProblem() != null) {
            failure = new Failure(0, Finding.FORGED, seals.originProblem());
        }
        if (failure == null) {
            failure = scanTail(head.position(), Long.MAX_VALUE).failure();
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

    /**
     * Recomputes the chain after {@code after} up to {@code until}, at least {@code maxPositions} positions
     * unless it gets there first, starting from the chain entry at or before {@code after} (whose own link
     * the previous slice checked). Also checks the seal of every chained event.
     */
    Scan scanChain(long after, long until, long maxPositions) {
        AuditChainStore.Head start = store.entryAtOrBefore(after);
        byte[] hash = start.hash();
        long linked = start.position();
        long checked = 0;
        long position = after;
        while (position < until && checked < maxPositions) {
            List<AuditChainStore.Pair> batch = store.merged(position, until, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            Map<Long, Seals.Verdict> verdicts = seals.check(batch.stream().map(AuditChainStore.Pair::event)
                                                                 .filter(Objects::nonNull).toList());
            for (AuditChainStore.Pair pair : batch) {
                Scan failed = check(pair, linked, hash, verdicts, checked);
                if (failed != null) {
                    return failed;
                }
                hash = ChainHash.next(hash, pair.event());
                linked = pair.position();
                checked++;
            }
            position = batch.get(batch.size() - 1).position();
        }
        if (position >= until && !Arrays.equals(hash, store.entryAtOrBefore(until).hash())) {
            // Only reachable if the head moved under us; the batches above compared every entry.
            return fail(checked, until, Finding.ALTERED, "the recomputed head hash differs from the chain's");
        }
        return new Scan(checked, Math.min(position, until), null, -1);
    }

    /** The seals of the events after the chain head, which the chainer has not reached (or will not chain). */
    Scan scanTail(long head, long maxEvents) {
        long position = head;
        long checked = 0;
        while (checked < maxEvents) {
            List<EventRow> events = store.eventsAfter(position, BATCH);
            if (events.isEmpty()) {
                break;
            }
            Map<Long, Seals.Verdict> verdicts = seals.check(events);
            for (EventRow event : events) {
                Seals.Verdict verdict = verdicts.get(event.position());
                if (!verdict.vouched()) {
                    return new Scan(checked, event.position(), new Failure(event.position(), Finding.FORGED,
                            "an event row after the chain head, never chained: " + verdict.describe()), -1);
                }
                checked++;
            }
            position = events.get(events.size() - 1).position();
        }
        return new Scan(checked, position, null, -1);
    }

    private Scan check(AuditChainStore.Pair pair, long linked, byte[] previousHash, Map<Long, Seals.Verdict> verdicts,
                       long checked) {
        long position = pair.position();
        ChainEntry entry = pair.entry();
        EventRow event = pair.event();
        if (entry == null) {
            if (store.linkAfter(position) == position) {
                return fail(checked, position, Finding.MISSING, "the chain entry for this position is gone; "
                        + "the event row is still there and the next entry links to it");
            }
            Seals.Verdict verdict = verdicts.get(position);
            if (!verdict.vouched()) {
                return fail(checked, position, Finding.FORGED, "an event row the chain never covered, below the "
                        + "chain head: " + verdict.describe());
            }
            return fail(checked, position, Finding.INSERTED, "an event row that the chain never covered, below the "
                    + "chain head (sealed, but written after the chain passed this position: a write that committed "
                    + "after the gap grace period)");
        }
        if (event == null) {
            return fail(checked, position, Finding.MISSING, "the event chained at this position is gone from the "
                    + "event store");
        }
        if (entry.previous() > linked) {
            return fail(checked, entry.previous(), Finding.MISSING, "the chain entry at position " + position
                    + " links to this position, whose event and chain entry are both gone");
        }
        if (entry.previous() < linked) {
            return fail(checked, linked, Finding.INSERTED, "the event and chain entry at this position were added "
                    + "afterwards: the chain entry at position " + position + " links past it to position "
                    + entry.previous());
        }
        byte[] hash = ChainHash.next(previousHash, event);
        if (Arrays.equals(hash, entry.hash())) {
            Seals.Verdict verdict = verdicts.get(position);
            return verdict.vouched() ? null : fail(checked, position, Finding.FORGED, "the event recomputes to its "
                    + "chained hash, but " + verdict.describe() + " (the chain entry was forged with it)");
        }
        byte[] payload = ChainHash.sha256(event.payload());
        if (!Arrays.equals(payload, entry.payloadSha256())) {
            OptionalLong origin = store.chainedWithPayload(payload, position);
            if (origin.isPresent()) {
                return new Scan(checked, position, new Failure(position, Finding.REORDERED,
                        "the payload stored here was chained at position " + origin.getAsLong()
                                + ": events were swapped or moved"), origin.getAsLong());
            }
            return fail(checked, position, Finding.ALTERED, "the payload differs from the one chained at this position");
        }
        return fail(checked, position, Finding.ALTERED, "the payload is as chained, but another stored field (type, "
                + "stream, sequence, timestamp, metadata or event id) or the chained hash differs");
    }

    private static Scan fail(long checked, long position, Finding finding, String detail) {
        return new Scan(checked, position, new Failure(position, finding, detail), -1);
    }
}
