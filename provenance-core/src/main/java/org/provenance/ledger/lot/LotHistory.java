package org.provenance.ledger.lot;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A lot as it stood after a prefix of its events. {@link #evolve} is the lot's one fold: the
 * {@link Lot} aggregate decides on its result, and the as-of read replays it up to an instant,
 * so the two cannot disagree about custody or mass.
 *
 * @param lastOccurredAt the business time of the latest event folded in; a lot's history cannot go back before it
 * @param openTransfer   the latest transfer while nothing has moved or used the lot since (it may be voided), else null
 */
public record LotHistory(String lotId, String mineral, String form, BigDecimal initialKg, BigDecimal remainingKg,
                         String custodianId, Instant createdAt, Instant lastOccurredAt,
                         List<String> transformationsConsumedIn, LotTransferred openTransfer) {

    /**
     * The lot at an instant of business time; empty when it did not exist yet. The aggregate
     * refuses out-of-order events, so the events up to the instant are a prefix of the stream.
     */
    public static Optional<LotHistory> asOf(List<? extends LotEvent> events, Instant instant) {
        LotHistory state = null;
        for (LotEvent event : events) {
            if (event.occurredAt().isAfter(instant)) {
                break;
            }
            state = evolve(state, event);
        }
        return Optional.ofNullable(state);
    }

    /** The lot after one more event; state is null before the event that creates the lot. */
    public static LotHistory evolve(LotHistory state, LotEvent event) {
        if (event instanceof LotExtracted e) {
            return created(e, e.mineral(), e.form(), e.massKg(), e.mineId());
        }
        if (event instanceof LotRegistered e) {
            return created(e, e.mineral(), e.form(), e.massKg(), e.custodianId());
        }
        if (event instanceof LotProduced e) {
            return created(e, e.mineral(), e.form(), e.massKg(), e.facilityId());
        }
        if (event instanceof LotTransferred e) {
            return new LotHistory(state.lotId, state.mineral, state.form, state.initialKg, state.remainingKg,
                                  e.toFacilityId(), state.createdAt, e.occurredAt(), state.transformationsConsumedIn, e);
        }
        if (event instanceof LotConsumed e) {
            List<String> consumedIn = new ArrayList<>(state.transformationsConsumedIn);
            consumedIn.add(e.transformationId());
            return new LotHistory(state.lotId, state.mineral, state.form, state.initialKg, e.remainingKg(),
                                  state.custodianId, state.createdAt, e.occurredAt(), List.copyOf(consumedIn), null);
        }
        if (event instanceof TransferVoided e) {
            // The transfer did not happen: custody is the seller's again. Business time does not move
            // (the void's occurredAt is the voided transfer's), so an as-of read either folds both or neither.
            return new LotHistory(state.lotId, state.mineral, state.form, state.initialKg, state.remainingKg,
                                  e.fromFacilityId(), state.createdAt, state.lastOccurredAt,
                                  state.transformationsConsumedIn, null);
        }
        // Java 17 cannot switch exhaustively over a sealed type; LotEvent's permits list is this chain.
        throw new IllegalArgumentException("not a lot event the fold knows: " + event.getClass().getName());
    }

    private static LotHistory created(LotEvent e, String mineral, String form, BigDecimal massKg, String custodianId) {
        return new LotHistory(e.lotId(), mineral, form, massKg, massKg, custodianId, e.occurredAt(), e.occurredAt(),
                              List.of(), null);
    }

    public boolean isConsumed() {
        return remainingKg.signum() == 0;
    }

    public String status() {
        return isConsumed() ? "CONSUMED" : "ACTIVE";
    }
}
