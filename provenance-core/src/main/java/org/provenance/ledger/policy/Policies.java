package org.provenance.ledger.policy;

import org.provenance.ledger.composition.Contributor;
import org.provenance.ledger.composition.Exposure;
import org.provenance.ledger.composition.Membership;
import org.provenance.ledger.composition.Provenance;
import org.provenance.ledger.composition.Route;
import org.provenance.ledger.transformation.Stage;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Procurement checks (SPEC 5): read-only evaluations of a lot's provenance at a date. */
public final class Policies {

    private Policies() {
    }

    /** FAIL if any share was mined, processed or controlled outside the bloc, or is of unknown origin. */
    public static CheckResult blocOrigin(Provenance provenance, Membership bloc) {
        Exposure exposure = Exposure.of(provenance.composition(), bloc);
        List<CheckResult.Reason> reasons = new ArrayList<>();
        Set<Contributor> evidence = new LinkedHashSet<>();
        List<Contributor> contributors = provenance.contributors();
        if (exposure.nonBlocOriginShare().signum() > 0) {
            reasons.add(new CheckResult.Reason("NON_BLOC_ORIGIN", "mined (or declared) outside the bloc",
                                               exposure.nonBlocOriginShare()));
            add(evidence, contributors, c -> c.isOrigin() && !bloc.isMember(c.country()));
        }
        if (exposure.nonBlocProcessingShare().signum() > 0) {
            reasons.add(new CheckResult.Reason("NON_BLOC_PROCESSING", "processed outside the bloc",
                                               exposure.nonBlocProcessingShare()));
            add(evidence, contributors, c -> c.isProcessing() && !bloc.isMember(c.country()));
        }
        if (exposure.nonBlocControlShare().signum() > 0) {
            reasons.add(new CheckResult.Reason("NON_BLOC_CONTROL", "handled by facilities controlled from outside the bloc",
                                               exposure.nonBlocControlShare()));
            add(evidence, contributors, c -> c.foreignOwner() != null && !bloc.isMember(c.foreignOwner()));
        }
        if (exposure.unknownShare().signum() > 0) {
            reasons.add(new CheckResult.Reason("UNKNOWN_ORIGIN", "of unknown origin", exposure.unknownShare()));
            add(evidence, contributors, Contributor::introducesUnknown);
        }
        return new CheckResult(reasons.isEmpty() ? Verdict.PASS : Verdict.FAIL, reasons, List.copyOf(evidence));
    }

    /**
     * FAIL if any share went through a restricted stage in a covered country (or, where the phase
     * says so, was mined there); an unknown share fails as unverifiable.
     */
    public static CheckResult dfars(Provenance provenance, DfarsRule rule, DfarsRule.Phase phase) {
        Set<String> covered = rule.coveredCountries();
        List<CheckResult.Reason> reasons = new ArrayList<>();
        Set<Contributor> evidence = new LinkedHashSet<>();
        List<Contributor> contributors = provenance.contributors();
        if (phase.originRestricted()) {
            BigDecimal mined = provenance.composition().share(r -> !r.isUnknown() && covered.contains(r.originCountry()));
            if (mined.signum() > 0) {
                reasons.add(new CheckResult.Reason("MINED_IN_COVERED_COUNTRY",
                                                   "mined in a covered country (" + String.join(", ", sorted(covered)) + ")",
                                                   mined));
                add(evidence, contributors, c -> c.isOrigin() && covered.contains(c.country()));
            }
        }
        for (Stage stage : Stage.values()) {
            if (!phase.restricted().contains(stage)) {
                continue;
            }
            BigDecimal share = provenance.composition().share(r -> passedThrough(r, stage, covered));
            if (share.signum() > 0) {
                reasons.add(new CheckResult.Reason(stage.name() + "_IN_COVERED_COUNTRY",
                                                   stage.name().toLowerCase() + " in a covered country", share));
                add(evidence, contributors, c -> stage.name().equals(c.stage()) && covered.contains(c.country()));
            }
        }
        BigDecimal unknown = provenance.composition().share(Route::isUnknown);
        if (unknown.signum() > 0) {
            reasons.add(new CheckResult.Reason("UNVERIFIABLE", "of unknown origin: unverifiable", unknown));
            add(evidence, contributors, Contributor::introducesUnknown);
        }
        return new CheckResult(reasons.isEmpty() ? Verdict.PASS : Verdict.FAIL, reasons, List.copyOf(evidence));
    }

    private static boolean passedThrough(Route route, Stage stage, Set<String> countries) {
        Set<String> where = route.stages().get(stage);
        return where != null && where.stream().anyMatch(countries::contains);
    }

    private static void add(Set<Contributor> evidence, List<Contributor> contributors, Predicate<Contributor> which) {
        contributors.stream().filter(which).forEach(evidence::add);
    }

    private static List<String> sorted(Set<String> countries) {
        return countries.stream().sorted().toList();
    }
}
