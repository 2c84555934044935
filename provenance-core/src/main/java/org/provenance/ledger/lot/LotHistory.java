package org.provenance.ledger.lot;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A lot as it stood at an instant of business time, folded from its own events. A lot's events
 * are recorded in business-time order (the aggregate refuses out-of-order ones), so the events up
 * to the instant are a prefix of its stream.
 */
public record LotHistory(String lotId, String mineral, String form, BigDecimal initialKg, BigDecimal remainingKg,
                         String custodianId, Instant createdAt, List<String> transformationsConsumedIn) {

    /** Empty when the lot did not exist yet at the instant. */
    public static Optional<LotHistory> asOf(List<?> events, Instant instant) {
        LotHistory state = null;
        for (Object event : events) {
            if (occurredAt(event).isAfter(instant)) {
                break;
            }
            state = apply(state, event);
        }
        return Optional.ofNullable(state);
    }

    private static LotHistory apply(LotHistory s, Object event) {
        if (event instanceof LotExtracted e) {
            return new LotHistory(e.lotId(), e.mineral(), e.form(), e.massKg(), e.massKg(), e.mineId(), e.occurredAt(),
                                  List.of());
        }
        if (event instanceof LotRegistered e) {
            return new LotHistory(e.lotId(), e.mineral(), e.form(), e.massKg(), e.massKg(), e.custodianId(),
                                  e.occurredAt(), List.of());
        }
        if (event instanceof LotProduced e) {
            return new LotHistory(e.lotId(), e.mineral(), e.form(), e.massKg(), e.massKg(), e.facilityId(),
                                  e.occurredAt(), List.of());
        }
        if (event instanceof LotTransferred e) {
            return new LotHistory(s.lotId, s.mineral, s.form, s.initialKg, s.remainingKg, e.toFacilityId(), s.createdAt,
                                  s.transformationsConsumedIn);
        }
        if (event instanceof LotConsumed e) {
            List<String> consumedIn = new ArrayList<>(s.transformationsConsumedIn);
            consumedIn.add(e.transformationId());
            return new LotHistory(s.lotId, s.mineral, s.form, s.initialKg, e.remainingKg(), s.custodianId, s.createdAt,
                                  List.copyOf(consumedIn));
        }
        return s;
    }

    private static Instant occurredAt(Object event) {
        if (event instanceof LotExtracted e) {
            return e.occurredAt();
        }
        if (event instanceof LotRegistered e) {
            return e.occurredAt();
        }
        if (event instanceof LotProduced e) {
            return e.occurredAt();
        }
        if (event instanceof LotTransferred e) {
            return e.occurredAt();
        }
        if (event instanceof LotConsumed e) {
            return e.occurredAt();
        }
        return Instant.MIN;
    }

    public String status() {
        return remainingKg.signum() == 0 ? "CONSUMED" : "ACTIVE";
    }
}
