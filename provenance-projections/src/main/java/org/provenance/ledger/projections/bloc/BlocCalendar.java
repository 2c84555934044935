package org.provenance.ledger.projections.bloc;

import org.provenance.ledger.composition.Membership;

import java.time.Instant;
import java.util.List;

/** A bloc's membership periods, to ask who was a member at any instant. */
public record BlocCalendar(String blocId, List<Period> periods) {

    public record Period(String country, Instant from, Instant until) {
        boolean covers(Instant instant) {
            return !instant.isBefore(from) && (until == null || instant.isBefore(until));
        }
    }

    public static BlocCalendar empty(String blocId) {
        return new BlocCalendar(blocId, List.of());
    }

    public Membership at(Instant instant) {
        return country -> country != null
                && periods.stream().anyMatch(p -> p.country().equals(country) && p.covers(instant));
    }

    /** Instants at which membership changes after the given one, for "will the verdict change?" questions. */
    public List<Instant> changesAfter(Instant instant) {
        return periods.stream()
                      .flatMap(p -> java.util.stream.Stream.of(p.from(), p.until()))
                      .filter(t -> t != null && t.isAfter(instant))
                      .distinct().sorted().toList();
    }
}
