package org.provenance.ledger.api.check;

import org.provenance.ledger.api.check.CheckController.Policy;
import org.provenance.ledger.common.FieldError;
import org.provenance.ledger.common.InvalidCommandException;
import org.provenance.ledger.composition.Composition;
import org.provenance.ledger.composition.Exposure;
import org.provenance.ledger.composition.Membership;
import org.provenance.ledger.composition.Provenance;
import org.provenance.ledger.policy.CheckResult;
import org.provenance.ledger.policy.DfarsRule;
import org.provenance.ledger.policy.Policies;
import org.provenance.ledger.policy.Verdict;
import org.provenance.ledger.projections.bloc.BlocCalendar;
import org.provenance.ledger.projections.bloc.BlocProjection;
import org.provenance.ledger.projections.composition.StoredProvenance;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Evaluates a part made of many lots (SPEC 13) in a fixed number of queries: one for the lots and
 * their stored compositions, one for the home bloc's calendar; the rest is the pure policy code.
 */
@Component
public class PartChecker {

    @Schema(name = "PartItem")
    public record Item(String lotId, BigDecimal massKg) {
    }

    @Schema(name = "PartReason")
    public record Reason(String code, String detail, BigDecimal share) {
    }

    @Schema(name = "PartEvidence")
    public record Evidence(String facilityId, String country, String ownerCountry, String stage, String lotId) {
    }

    @Schema(name = "PartItemAnswer")
    public record ItemAnswer(String lotId, BigDecimal massKg, BigDecimal weight, String verdict, List<Reason> reasons,
                             List<Evidence> evidence, String changesOn) {
    }

    @Schema(name = "PartExposure")
    public record Exposures(String blocId, BigDecimal nonBlocOriginShare, BigDecimal nonBlocProcessingShare,
                            BigDecimal nonBlocControlShare, BigDecimal unknownShare) {
    }

    /** The answer; every share is of the part's total mass, each item weighted by its mass. */
    @Schema(name = "PartCheckAnswer")
    public record Answer(String policy, String asOf, String reference, String verdict, int itemCount,
                         BigDecimal totalMassKg, List<Reason> reasons, Exposures exposure, String changesOn,
                         String rule, List<ItemAnswer> items) {
    }

    private record Loaded(BigDecimal initialKg, Instant createdAt, Provenance provenance) {
    }

    private final JdbcClient jdbc;
    private final BlocProjection blocs;
    private final String homeBloc;

    public PartChecker(JdbcClient jdbc, BlocProjection blocs, @Value("${ledger.home-bloc}") String homeBloc) {
        this.jdbc = jdbc;
        this.blocs = blocs;
        this.homeBloc = homeBloc;
    }

    /** Loads the lots' compositions in one query; unknown lots and lots made after the date are 400. */
    public Map<String, Provenance> provenances(List<Item> items, Instant at, Map<String, BigDecimal> massOut) {
        String[] ids = items.stream().map(Item::lotId).distinct().toArray(String[]::new);
        Map<String, Loaded> loaded = new HashMap<>();
        jdbc.sql("""
                 select l.lot_id, l.initial_kg, l.created_at, c.routes::text, c.contributors::text
                 from lot_view l join lot_composition c on c.lot_id = l.lot_id where l.lot_id = any(?)""")
            .param(ids)
            .query(rs -> {
                loaded.put(rs.getString(1), new Loaded(rs.getBigDecimal(2), rs.getTimestamp(3).toInstant(),
                                                       StoredProvenance.read(rs.getString(4), rs.getString(5))));
            });
        List<FieldError> errors = new ArrayList<>();
        Map<String, Provenance> provenances = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            Loaded lot = loaded.get(item.lotId());
            if (lot == null) {
                errors.add(new FieldError("items[" + i + "].lotId", "no such lot: " + item.lotId()));
            } else if (lot.createdAt().isAfter(at)) {
                errors.add(new FieldError("items[" + i + "].lotId", "lot " + item.lotId() + " did not exist yet at " + at));
            } else {
                provenances.put(item.lotId(), lot.provenance());
                massOut.putIfAbsent(item.lotId(), lot.initialKg());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidCommandException(errors);
        }
        return provenances;
    }

    public Answer check(Policy policy, Instant at, String reference, List<Item> items) {
        Map<String, BigDecimal> initialMass = new HashMap<>();
        Map<String, Provenance> provenances = provenances(items, at, initialMass);
        BlocCalendar calendar = blocs.calendar(homeBloc);
        Function<Instant, Function<Provenance, CheckResult>> rule = switch (policy) {
            case BLOC_ORIGIN -> when -> p -> Policies.blocOrigin(p, calendar.at(when));
            case DFARS_252_225_7052 -> when -> p -> Policies.dfars(p, DfarsRule.CURRENT, DfarsRule.CURRENT.phaseAt(when));
        };
        List<Instant> changes = switch (policy) {
            case BLOC_ORIGIN -> calendar.changesAfter(at);
            case DFARS_252_225_7052 -> {
                LocalDate next = DfarsRule.CURRENT.nextChangeAfter(at);
                yield next == null ? List.of() : List.of(next.atStartOfDay(ZoneOffset.UTC).toInstant());
            }
        };

        BigDecimal total = BigDecimal.ZERO;
        List<BigDecimal> masses = new ArrayList<>();
        for (Item item : items) {
            BigDecimal mass = item.massKg() != null ? item.massKg() : initialMass.get(item.lotId());
            masses.add(mass);
            total = total.add(mass);
        }
        Function<Instant, Function<Provenance, CheckResult>> cached = cachePerInstant(rule);
        Map<String, BigDecimal> reasonShares = new LinkedHashMap<>();
        Map<String, String> reasonDetails = new HashMap<>();
        BigDecimal[] exposure = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
        Membership membership = calendar.at(at);
        List<ItemAnswer> answers = new ArrayList<>();
        boolean fails = false;
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            Provenance provenance = provenances.get(item.lotId());
            BigDecimal weight = masses.get(i).divide(total, Composition.PRECISION);
            CheckResult result = cached.apply(at).apply(provenance);
            fails |= result.verdict() == Verdict.FAIL;
            for (CheckResult.Reason r : result.reasons()) {
                reasonShares.merge(r.code(), r.share().multiply(weight, Composition.PRECISION),
                                   (a, b) -> a.add(b, Composition.PRECISION));
                reasonDetails.putIfAbsent(r.code(), r.detail());
            }
            Exposure e = Exposure.of(provenance.composition(), membership);
            exposure[0] = exposure[0].add(e.nonBlocOriginShare().multiply(weight, Composition.PRECISION), Composition.PRECISION);
            exposure[1] = exposure[1].add(e.nonBlocProcessingShare().multiply(weight, Composition.PRECISION), Composition.PRECISION);
            exposure[2] = exposure[2].add(e.nonBlocControlShare().multiply(weight, Composition.PRECISION), Composition.PRECISION);
            exposure[3] = exposure[3].add(e.unknownShare().multiply(weight, Composition.PRECISION), Composition.PRECISION);
            String itemChange = null;
            for (Instant change : changes) {
                if (cached.apply(change).apply(provenance).verdict() != result.verdict()) {
                    itemChange = day(change);
                    break;
                }
            }
            answers.add(new ItemAnswer(item.lotId(), masses.get(i).stripTrailingZeros(), weight.stripTrailingZeros(),
                                       result.verdict().name(), reasons(result),
                                       result.evidence().stream().map(c -> new Evidence(c.facilityId(), c.country(),
                                               c.ownerCountry(), c.stage(), c.lotId())).toList(),
                                       itemChange));
        }
        String overallChange = null;
        for (Instant change : changes) {
            boolean failsThen = false;
            for (Provenance provenance : provenances.values()) {
                failsThen |= cached.apply(change).apply(provenance).verdict() == Verdict.FAIL;
            }
            if (failsThen != fails) {
                overallChange = day(change);
                break;
            }
        }
        List<Reason> reasons = reasonShares.entrySet().stream()
                .map(e -> new Reason(e.getKey(), reasonDetails.get(e.getKey()), e.getValue().stripTrailingZeros()))
                .toList();
        String ruleText = policy == Policy.BLOC_ORIGIN ? "membership of bloc " + homeBloc + " at the check date"
                                                       : DfarsRule.CURRENT.citation();
        return new Answer(policy.name(), at.toString(), reference, fails ? "FAIL" : "PASS", items.size(),
                          total.stripTrailingZeros(), reasons,
                          new Exposures(homeBloc, exposure[0].stripTrailingZeros(), exposure[1].stripTrailingZeros(),
                                        exposure[2].stripTrailingZeros(), exposure[3].stripTrailingZeros()),
                          overallChange, ruleText, answers);
    }

    /** A lot named twice, or a verdict asked again at the same change date, is evaluated once. */
    private static Function<Instant, Function<Provenance, CheckResult>> cachePerInstant(
            Function<Instant, Function<Provenance, CheckResult>> rule) {
        Map<Instant, Map<Provenance, CheckResult>> cache = new HashMap<>();
        return when -> p -> cache.computeIfAbsent(when, k -> new java.util.IdentityHashMap<>())
                                 .computeIfAbsent(p, q -> rule.apply(when).apply(q));
    }

    private static List<Reason> reasons(CheckResult result) {
        return result.reasons().stream().map(r -> new Reason(r.code(), r.detail(), r.share().stripTrailingZeros())).toList();
    }

    private static String day(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }
}
