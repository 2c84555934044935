package org.provenance.ledger.bloc;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.provenance.ledger.common.LedgerConflictException;
import org.provenance.ledger.common.Refusal;
import org.provenance.ledger.common.StreamIds;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A trading bloc. Membership is a sequence of periods per country, recorded in time order: a
 * country is admitted, its membership may end, it may be admitted again later. Decisions only
 * need each country's latest period. Refusals name the rule broken; the command handler names the
 * field.
 */
public class Bloc {

    private record Period(Instant from, Instant until) {
        boolean open() {
            return until == null;
        }
    }

    @AggregateIdentifier
    private String streamId;
    private String blocId;
    private final Map<String, Period> latest = new HashMap<>();

    protected Bloc() {
        // for event sourcing
    }

    Bloc(CreateBloc command) {
        apply(new BlocCreated(command.blocId(), command.name().strip()));
    }

    void admit(String country, Instant from) {
        Period period = latest.get(country);
        if (period != null && period.open()) {
            throw new LedgerConflictException(Refusal.ALREADY_MEMBER,
                    country + " is a member of " + blocId + " since " + period.from());
        }
        if (period != null && from.isBefore(period.until())) {
            throw new LedgerConflictException(Refusal.OUT_OF_ORDER,
                    country + "'s previous membership of " + blocId + " ended at " + period.until()
                            + "; a new one cannot start before that");
        }
        apply(new MemberAdmitted(blocId, country, from));
    }

    void end(String country, Instant from) {
        Period period = latest.get(country);
        if (period == null || !period.open()) {
            throw new LedgerConflictException(Refusal.NOT_A_MEMBER, country + " is not a member of " + blocId);
        }
        if (!from.isAfter(period.from())) {
            throw new LedgerConflictException(Refusal.OUT_OF_ORDER,
                    country + " became a member at " + period.from() + "; its membership must end after that");
        }
        apply(new MembershipEnded(blocId, country, from));
    }

    void setPriceFloor(String mineral, String form, String currency, BigDecimal pricePerKg, Instant from) {
        apply(new PriceFloorSet(blocId, mineral, form, currency, pricePerKg.stripTrailingZeros(), from));
    }

    @EventSourcingHandler
    void on(BlocCreated event) {
        this.streamId = StreamIds.bloc(event.blocId());
        this.blocId = event.blocId();
    }

    @EventSourcingHandler
    void on(MemberAdmitted event) {
        latest.put(event.country(), new Period(event.effectiveFrom(), null));
    }

    @EventSourcingHandler
    void on(MembershipEnded event) {
        latest.computeIfPresent(event.country(), (c, p) -> new Period(p.from(), event.effectiveFrom()));
    }
}
