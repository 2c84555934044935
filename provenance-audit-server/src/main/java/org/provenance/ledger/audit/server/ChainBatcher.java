package org.provenance.ledger.audit.server;

import org.provenance.ledger.audit.chain.ChainHash;
import org.provenance.ledger.audit.chain.EventRow;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One round of the chainer, in one transaction: the advisory lock, the chain head, one read of the
 * next events, one batched insert of their chain entries. Stops at the first hole in the positions
 * that the {@link GapTracker} does not let it pass.
 */
final class ChainBatcher {

    /**
     * @param read    events read after the head
     * @param chained of those, events chained
     * @param head    the chain's last position after the round
     */
    record Batch(int read, int chained, long head) {

        /** Every event of a full read was chained: more are probably waiting, so the next round starts at once. */
        boolean full(int batchSize) {
            return read == batchSize && chained == read;
        }
    }

    /** Whether the chain may link past the missing positions {@code from} to {@code to}. */
    @FunctionalInterface
    interface Holes {
        boolean mayPass(long from, long to);
    }

    private final AuditChainStore store;
    private final TransactionTemplate transactions;
    private final GapTracker gaps;
    private final ChainerLog log;
    private final int batchSize;
    private final Seals seals;
    private final Set<Long> reportedForgeries = new HashSet<>();

    ChainBatcher(AuditChainStore store, TransactionTemplate transactions, GapTracker gaps, ChainerLog log,
                 int batchSize, Seals seals) {
        this.store = store;
        this.seals = seals;
        this.transactions = transactions;
        this.gaps = gaps;
        this.log = log;
        this.batchSize = batchSize;
    }

    int batchSize() {
        return batchSize;
    }

    /**
     * @param knownHead the head as this node last saw it, reported again when another node holds the
     *                  lock (that node chains; this one has nothing new to say)
     */
    Batch chainNext(long knownHead) {
        return transactions.execute(status -> {
            if (!store.tryChainerLock()) {
                return new Batch(0, 0, Math.max(knownHead, 0));
            }
            AuditChainStore.Head head = store.head();
            gaps.chainedUpTo(head.position());
            List<EventRow> events = store.eventsAfter(head.position(), batchSize);
            Map<Long, Seals.Verdict> verdicts = seals.check(events);
            List<ChainEntry> entries = link(head, events, this::mayPass, event -> vouched(event, verdicts));
            if (!entries.isEmpty()) {
                store.append(entries);
            }
            long last = entries.isEmpty() ? head.position() : entries.get(entries.size() - 1).position();
            return new Batch(events.size(), entries.size(), last);
        });
    }

    /**
     * The chain entries for {@code events} (in position order) on top of {@code head}, up to the first
     * hole that may not be passed. An entry after a passed hole links to the position before the hole,
     * which is how verification later tells a skipped position from a deleted one.
     * <p>
     * An event its seal does not vouch for is never chained: it is passed over at once like a hole that
     * will not fill, so the chain goes on with the ledger's own events and the row stays outside it, where
     * verification reports it as FORGED.
     */
    static List<ChainEntry> link(AuditChainStore.Head head, List<EventRow> events, Holes holes,
                                 Predicate<EventRow> vouched) {
        List<ChainEntry> entries = new ArrayList<>(events.size());
        long linked = head.position();
        long seen = head.position();
        byte[] hash = head.hash();
        for (EventRow event : events) {
            if (event.position() != seen + 1 && !holes.mayPass(seen + 1, event.position() - 1)) {
                break;
            }
            seen = event.position();
            if (!vouched.test(event)) {
                continue;
            }
            hash = ChainHash.next(hash, event);
            entries.add(new ChainEntry(event.position(), linked, hash, ChainHash.sha256(event.payload())));
            linked = event.position();
        }
        return entries;
    }

    static List<ChainEntry> link(AuditChainStore.Head head, List<EventRow> events, Holes holes) {
        return link(head, events, holes, event -> true);
    }

    private boolean vouched(EventRow event, Map<Long, Seals.Verdict> verdicts) {
        Seals.Verdict verdict = verdicts.getOrDefault(event.position(), Seals.Verdict.UNSEALED);
        if (!verdict.vouched() && reportedForgeries.add(event.position())) {
            log.forgedRow(event.position(), verdict.describe());
        }
        return verdict.vouched();
    }

    private boolean mayPass(long from, long to) {
        GapTracker.Hole hole = gaps.check(from, to);
        switch (hole) {
            case NEW -> log.holeOpened(from, to);
            case EXPIRED -> log.holeSkipped(from, to, gaps.grace());
            case OPEN -> {
            }
        }
        return hole == GapTracker.Hole.EXPIRED;
    }
}
