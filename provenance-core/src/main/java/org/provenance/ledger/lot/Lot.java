package org.provenance.ledger.lot;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.provenance.ledger.common.LedgerConflictException;
import org.provenance.ledger.common.Masses;
import org.provenance.ledger.common.Refusal;
import org.provenance.ledger.common.StreamIds;

import java.math.BigDecimal;
import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A quantity of one material in one facility's custody. Its state is {@link LotHistory#evolve}
 * over its events, the same fold the as-of read uses; custody decisions read who holds it, how
 * much is left, and when it last changed (its history is ordered in business time, so an as-of
 * read is well defined). Refusals name the rule broken, not a request field: the command handler
 * knows which field that was.
 */
public class Lot {

    @AggregateIdentifier
    private String streamId;
    private LotHistory state;

    protected Lot() {
        // for event sourcing
    }

    Lot(LotExtracted event) {
        apply(event);
    }

    Lot(LotRegistered event) {
        apply(event);
    }

    /** A new lot coming out of a transformation. */
    public static Lot produce(LotProduced event) {
        return new Lot(event);
    }

    private Lot(LotProduced event) {
        apply(event);
    }

    /** Refused with NOT_IN_CUSTODY or LOT_CONSUMED (about the sender) or OUT_OF_ORDER. */
    void transfer(String transferId, String fromFacilityId, String toFacilityId, UnitPrice unitPrice, Instant occurredAt) {
        requireCustody(fromFacilityId);
        requireInOrder(occurredAt);
        apply(new LotTransferred(transferId, state.lotId(), fromFacilityId, toFacilityId, state.remainingKg(), unitPrice,
                                 occurredAt));
    }

    /**
     * Voids the lot's latest transfer: allowed while the buyer has not moved or used the lot since
     * (MOVED_SINCE otherwise: correct downstream first).
     */
    void voidTransfer(String transferId, String reason) {
        LotTransferred open = state.openTransfer();
        if (open == null || !open.transferId().equals(transferId)) {
            throw new LedgerConflictException(Refusal.MOVED_SINCE,
                    "transfer " + transferId + " of lot " + state.lotId() + " cannot be voided: the lot was moved or "
                            + "used since (or the transfer is voided already); correct downstream first");
        }
        apply(new TransferVoided(transferId, state.lotId(), open.fromFacilityId(), open.toFacilityId(), reason,
                                 open.occurredAt()));
    }

    /**
     * Takes mass out of the lot for a transformation at facility. Exact decimal arithmetic: a lot
     * can be consumed to exactly zero, never below. Refused with NOT_IN_CUSTODY or LOT_CONSUMED
     * (about the lot), INSUFFICIENT_MASS (about the mass) or OUT_OF_ORDER.
     */
    public void consume(String transformationId, String facilityId, BigDecimal massKg, Instant occurredAt) {
        requireCustody(facilityId);
        requireInOrder(occurredAt);
        BigDecimal remainingKg = state.remainingKg();
        if (massKg.compareTo(remainingKg) > 0) {
            throw new LedgerConflictException(Refusal.INSUFFICIENT_MASS,
                    "lot " + state.lotId() + " has " + remainingKg.toPlainString() + " kg left, "
                            + Masses.normalize(massKg).toPlainString() + " kg were asked for");
        }
        apply(new LotConsumed(state.lotId(), transformationId, facilityId, Masses.normalize(massKg),
                              Masses.normalize(remainingKg.subtract(massKg)), occurredAt));
    }

    private void requireCustody(String facilityId) {
        if (state.isConsumed()) {
            throw new LedgerConflictException(Refusal.LOT_CONSUMED, "lot " + state.lotId() + " is fully consumed");
        }
        if (!state.custodianId().equals(facilityId)) {
            throw new LedgerConflictException(Refusal.NOT_IN_CUSTODY,
                    "lot " + state.lotId() + " is not in the custody of facility " + facilityId);
        }
    }

    private void requireInOrder(Instant occurredAt) {
        if (occurredAt.isBefore(state.lastOccurredAt())) {
            throw new LedgerConflictException(Refusal.OUT_OF_ORDER,
                    "lot " + state.lotId() + " already has an event at " + state.lastOccurredAt()
                            + "; its history cannot go back before that");
        }
    }

    @EventSourcingHandler
    void on(LotEvent event) {
        this.streamId = StreamIds.lot(event.lotId());
        this.state = LotHistory.evolve(state, event);
    }
}
