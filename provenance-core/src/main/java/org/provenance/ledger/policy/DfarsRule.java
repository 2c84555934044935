package org.provenance.ledger.policy;

import org.provenance.ledger.transformation.Stage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * DFARS 252.225-7052, "Restriction on the Acquisition of Certain Magnets, Tantalum, and Tungsten",
 * as data: the covered countries and, per phase, the stages that may not take place in them.
 * <p>
 * Source: DFARS 225.7018 and clause 252.225-7052, final rule of 2024-05-30 (DFARS Case 2021-D015,
 * Federal Register document 2024-11513), implementing 10 U.S.C. 4872 and FY2024 NDAA section 854.
 * Covered materials may not be melted or produced in a covered country; from 2027-01-01 they may
 * also not be mined, refined or separated there (the ledger counts concentration as part of
 * mining and separation). The next amendment is a change of {@link #CURRENT}, not of code.
 */
public record DfarsRule(String citation, Set<String> coveredCountries, List<Phase> phases) {

    /**
     * @param from           the first day (UTC) the phase applies
     * @param restricted     stages that may not take place in a covered country
     * @param originRestricted whether mining (the route's origin) in a covered country is restricted
     */
    public record Phase(LocalDate from, Set<Stage> restricted, boolean originRestricted) {
    }

    public static final DfarsRule CURRENT = new DfarsRule(
            "DFARS 252.225-7052 (final rule 2024-05-30, FR 2024-11513; 10 U.S.C. 4872)",
            Set.of("CN", "KP", "RU", "IR"),
            List.of(new Phase(LocalDate.of(2024, 5, 30), EnumSet.of(Stage.MELTING, Stage.PRODUCTION), false),
                    new Phase(LocalDate.of(2027, 1, 1),
                              EnumSet.of(Stage.CONCENTRATION, Stage.SEPARATION, Stage.REFINING, Stage.MELTING,
                                         Stage.PRODUCTION), true)));

    /** The phase in force at the instant; before the first phase, the first one (the clause's original terms). */
    public Phase phaseAt(Instant instant) {
        LocalDate day = instant.atZone(ZoneOffset.UTC).toLocalDate();
        return phases.stream().filter(p -> !p.from().isAfter(day)).max(Comparator.comparing(Phase::from))
                     .orElse(phases.get(0));
    }

    /** The first phase change strictly after the instant, if any. */
    public LocalDate nextChangeAfter(Instant instant) {
        LocalDate day = instant.atZone(ZoneOffset.UTC).toLocalDate();
        return phases.stream().map(Phase::from).filter(d -> d.isAfter(day)).min(Comparator.naturalOrder()).orElse(null);
    }
}
