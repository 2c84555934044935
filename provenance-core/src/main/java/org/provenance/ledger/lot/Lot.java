package org.provenance.ledger.lot;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.provenance.ledger.common.LedgerConflictException;
import org.provenance.ledger.common.Masses;
import org.provenance.ledger.common.StreamIds;

import java.math.BigDecimal;
import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A quantity of one material in one facility's custody. It holds only what custody decisions
 * need: who holds it, how much is left, and when it last changed (its history is ordered in
 * business time, so an as-of read is well defined).
 */
public class Lot {

    @AggregateIdentifier
    private String streamId;
    private String lotId;
    private String custodianId;
    private BigDecimal remainingKg;
    private Instant lastOccurredAt;

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

    void transfer(String transferId, String fromFacilityId, String toFacilityId, UnitPrice unitPrice, Instant occurredAt) {
        requireCustody(fromFacilityId, "fromFacilityId");
        requireInOrder(occurredAt);
        apply(new LotTransferred(transferId, lotId, fromFacilityId, toFacilityId, remainingKg, unitPrice, occurredAt));
    }

    /**
     * Takes mass out of the lot for a transformation at facility. Exact decimal arithmetic: a lot
     * can be consumed to exactly zero, never below.
     */
    public void consume(String transformationId, String facilityId, BigDecimal massKg, Instant occurredAt, String field) {
        requireCustody(facilityId, field + ".lotId");
        requireInOrder(occurredAt);
        if (massKg.compareTo(remainingKg) > 0) {
            throw new LedgerConflictException("insufficient-mass", field + ".massKg",
                    "lot " + lotId + " has " + remainingKg.toPlainString() + " kg left, "
                            + Masses.normalize(massKg).toPlainString() + " kg were asked for");
        }
        apply(new LotConsumed(lotId, transformationId, facilityId, Masses.normalize(massKg),
                              Masses.normalize(remainingKg.subtract(massKg)), occurredAt));
    }

    private void requireCustody(String facilityId, String field) {
        if (remainingKg.signum() == 0) {
            throw new LedgerConflictException("lot-consumed", field, "lot " + lotId + " is fully consumed");
        }
        if (!custodianId.equals(facilityId)) {
            throw new LedgerConflictException("not-in-custody", field,
                    "lot " + lotId + " is not in the custody of facility " + facilityId);
        }
    }

    private void requireInOrder(Instant occurredAt) {
        if (occurredAt.isBefore(lastOccurredAt)) {
            throw new LedgerConflictException("out-of-order", "occurredAt",
                    "lot " + lotId + " already has an event at " + lastOccurredAt
                            + "; its history cannot go back before that");
        }
    }

    @EventSourcingHandler
    void on(LotExtracted event) {
        created(event.lotId(), event.mineId(), event.massKg(), event.occurredAt());
    }

    @EventSourcingHandler
    void on(LotRegistered event) {
        created(event.lotId(), event.custodianId(), event.massKg(), event.occurredAt());
    }

    @EventSourcingHandler
    void on(LotProduced event) {
        created(event.lotId(), event.facilityId(), event.massKg(), event.occurredAt());
    }

    @EventSourcingHandler
    void on(LotTransferred event) {
        this.custodianId = event.toFacilityId();
        this.lastOccurredAt = event.occurredAt();
    }

    @EventSourcingHandler
    void on(LotConsumed event) {
        this.remainingKg = event.remainingKg();
        this.lastOccurredAt = event.occurredAt();
    }

    private void created(String lotId, String custodianId, BigDecimal massKg, Instant occurredAt) {
        this.streamId = StreamIds.lot(lotId);
        this.lotId = lotId;
        this.custodianId = custodianId;
        this.remainingKg = massKg;
        this.lastOccurredAt = occurredAt;
    }
}
