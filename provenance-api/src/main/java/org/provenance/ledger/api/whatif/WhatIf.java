package org.provenance.ledger.api.whatif;

import org.provenance.ledger.api.whatif.WhatIfAnswer.Flag;
import org.provenance.ledger.composition.Membership;
import org.provenance.ledger.composition.Provenance;
import org.provenance.ledger.flag.PurchasePolicy;
import org.provenance.ledger.flag.RaisedFlag;
import org.provenance.ledger.policy.CheckResult;
import org.provenance.ledger.policy.DfarsRule;
import org.provenance.ledger.policy.Policies;
import org.provenance.ledger.projections.bloc.BlocCalendar;
import org.provenance.ledger.projections.whatif.WhatIfQueries;
import org.provenance.ledger.projections.whatif.WhatIfQueries.LotOrigin;
import org.provenance.ledger.projections.whatif.WhatIfQueries.Made;
import org.provenance.ledger.projections.whatif.WhatIfQueries.Transfer;
import org.provenance.ledger.transformation.Stage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One hypothetical evaluation. Facility corrections recompute, with the pure core functions, the
 * composition of every lot whose contributors name a corrected facility (a lot's inputs first,
 * memoised: creation order); bloc changes only change the calendar. Both worlds are evaluated with
 * the same code, so a difference is due to the changes alone.
 */
final class WhatIf {

    private final WhatIfQueries queries;
    private final BlocCalendar current;
    private final BlocCalendar hypothetical;
    private final Map<String, List<WhatIfRequest.FacilityCorrection>> corrections;
    private final List<WhatIfQueries.Floor> floors;

    private final Set<String> affected = new HashSet<>();
    private final Map<String, LotOrigin> lots = new HashMap<>();
    private final Map<String, Made> made = new HashMap<>();
    private final Map<String, Provenance> stored = new HashMap<>();
    private final Map<String, Provenance> recomputed = new HashMap<>();
    private final Map<String, Provenance.Facility> facilities = new HashMap<>();

    WhatIf(WhatIfQueries queries, BlocCalendar current, BlocCalendar hypothetical,
           Map<String, List<WhatIfRequest.FacilityCorrection>> corrections, List<WhatIfQueries.Floor> floors) {
        this.queries = queries;
        this.current = current;
        this.hypothetical = hypothetical;
        this.corrections = corrections;
        this.floors = floors;
    }

    WhatIfAnswer run(Instant asOf, Set<String> changedCountries, Instant blocChangesFrom) {
        affected.addAll(queries.lotsTouching(corrections.keySet(), Set.of()));
        List<String> touchingCountries = queries.lotsTouching(Set.of(), changedCountries);
        load(affected);
        List<Transfer> transfers = queries.transfers(affected.toArray(String[]::new),
                                                     corrections.keySet().toArray(String[]::new), blocChangesFrom,
                                                     changedCountries.toArray(String[]::new),
                                                     touchingCountries.toArray(String[]::new));
        Set<String> candidates = new LinkedHashSet<>(affected);
        candidates.addAll(touchingCountries);
        Set<String> needed = new HashSet<>(candidates);
        transfers.forEach(t -> needed.add(t.lotId()));
        made.values().forEach(m -> m.inputs().forEach(i -> needed.add(i.lotId())));
        lots.putAll(queries.lots(missing(needed, lots)));
        stored.putAll(queries.provenances(missing(needed, stored)));
        Set<String> facilityIds = new HashSet<>(corrections.keySet());
        transfers.forEach(t -> facilityIds.add(t.toFacilityId()));
        facilities.putAll(queries.facilities(facilityIds.toArray(String[]::new)));

        List<WhatIfAnswer.PurchaseChange> purchases = new ArrayList<>();
        for (Transfer transfer : transfers) {
            Provenance.Facility buyer = facilities.get(transfer.toFacilityId());
            Map<String, BigDecimal> before = flags(transfer, current, stored.get(transfer.lotId()),
                                                   buyer.country());
            Map<String, BigDecimal> after = flags(transfer, hypothetical, provenance(transfer.lotId()),
                                                  facts(buyer, transfer.occurredAt()).country());
            if (!same(before, after)) {
                purchases.add(change(transfer, before, after));
            }
        }
        List<WhatIfAnswer.VerdictChange> verdicts = new ArrayList<>();
        int lotsEvaluated = 0;
        for (String lotId : candidates) {
            LotOrigin lot = lots.get(lotId);
            if (lot == null || lot.remainingKg().signum() == 0 || lot.createdAt().isAfter(asOf)) {
                continue;
            }
            lotsEvaluated++;
            Provenance was = stored.get(lotId);
            Provenance would = provenance(lotId);
            verdict(verdicts, lotId, "BLOC_ORIGIN", Policies.blocOrigin(was, current.at(asOf)),
                    Policies.blocOrigin(would, hypothetical.at(asOf)));
            DfarsRule rule = DfarsRule.CURRENT;
            verdict(verdicts, lotId, "DFARS_252_225_7052", Policies.dfars(was, rule, rule.phaseAt(asOf)),
                    Policies.dfars(would, rule, rule.phaseAt(asOf)));
        }
        return new WhatIfAnswer(current.blocId(), asOf, transfers.size(), lotsEvaluated, purchases, verdicts);
    }

    /** Lots whose provenance is recomputed, their origins and the transformations that made them. */
    private void load(Set<String> lotIds) {
        lots.putAll(queries.lots(lotIds.toArray(String[]::new)));
        String[] transformations = lots.values().stream().filter(l -> "TRANSFORMATION".equals(l.createdBy()))
                                       .map(LotOrigin::sourceId).distinct().toArray(String[]::new);
        made.putAll(queries.transformations(transformations));
        Set<String> facilityIds = new HashSet<>();
        lots.values().forEach(l -> facilityIds.add("REGISTRATION".equals(l.createdBy()) ? l.custodianId() : l.sourceId()));
        made.values().forEach(m -> facilityIds.add(m.facilityId()));
        facilities.putAll(queries.facilities(facilityIds.toArray(String[]::new)));
    }

    private Provenance provenance(String lotId) {
        if (!affected.contains(lotId)) {
            return stored.get(lotId);
        }
        Provenance known = recomputed.get(lotId);
        if (known != null) {
            return known;
        }
        LotOrigin lot = lots.get(lotId);
        Provenance provenance = switch (lot.createdBy()) {
            case "EXTRACTION" -> Provenance.extracted(lotId, facts(facilities.get(lot.sourceId()), lot.createdAt()));
            case "REGISTRATION" -> Provenance.registered(lotId, facts(facilities.get(lot.custodianId()), lot.createdAt()),
                                                         lot.declaredOrigin());
            default -> {
                Made m = made.get(lot.sourceId());
                List<Provenance.Input> inputs = m.inputs().stream()
                        .map(i -> new Provenance.Input(provenance(i.lotId()), i.massKg())).toList();
                yield Provenance.transformed(inputs, Stage.valueOf(m.stage()),
                                             facts(facilities.get(m.facilityId()), m.occurredAt()), m.producedKg(), lotId);
            }
        };
        recomputed.put(lotId, provenance);
        return provenance;
    }

    /** A facility's facts at an instant, with the latest correction in force then. */
    private Provenance.Facility facts(Provenance.Facility facility, Instant at) {
        WhatIfRequest.FacilityCorrection latest = null;
        for (WhatIfRequest.FacilityCorrection c : corrections.getOrDefault(facility.facilityId(), List.of())) {
            if (!at.isBefore(c.effectiveFrom()) && (latest == null || c.effectiveFrom().isAfter(latest.effectiveFrom()))) {
                latest = c;
            }
        }
        if (latest == null) {
            return facility;
        }
        return new Provenance.Facility(facility.facilityId(),
                                       latest.country() != null ? latest.country() : facility.country(),
                                       latest.ownerCountry() != null ? latest.ownerCountry() : facility.ownerCountry());
    }

    /** The flags a transfer raises, by type; null when it is not a purchase. */
    private Map<String, BigDecimal> flags(Transfer transfer, BlocCalendar calendar, Provenance provenance,
                                          String buyerCountry) {
        Membership membership = calendar.at(transfer.occurredAt());
        if (!membership.isMember(buyerCountry)) {
            return null;
        }
        PurchasePolicy.Price price = transfer.priceAmount() == null ? null
                : new PurchasePolicy.Price(transfer.priceAmount(), floor(transfer));
        Map<String, BigDecimal> flags = new TreeMap<>();
        for (RaisedFlag flag : PurchasePolicy.evaluate(provenance, membership, price)) {
            flags.put(flag.type().name(), flag.share());
        }
        return flags;
    }

    private BigDecimal floor(Transfer transfer) {
        BigDecimal floor = null;
        for (WhatIfQueries.Floor f : floors) {
            if (f.mineral().equals(transfer.mineral()) && f.form().equals(transfer.form())
                    && f.currency().equals(transfer.priceCurrency()) && !f.effectiveFrom().isAfter(transfer.occurredAt())) {
                floor = f.pricePerKg();
            }
        }
        return floor;
    }

    private static boolean same(Map<String, BigDecimal> a, Map<String, BigDecimal> b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        return a.entrySet().stream().allMatch(e -> Objects.equals(e.getValue(), b.get(e.getKey()))
                || (e.getValue() != null && b.get(e.getKey()) != null && e.getValue().compareTo(b.get(e.getKey())) == 0));
    }

    private static WhatIfAnswer.PurchaseChange change(Transfer t, Map<String, BigDecimal> before,
                                                      Map<String, BigDecimal> after) {
        Map<String, BigDecimal> was = before == null ? Map.of() : before;
        Map<String, BigDecimal> would = after == null ? Map.of() : after;
        return new WhatIfAnswer.PurchaseChange(t.transferId(), t.lotId(), t.fromFacilityId(), t.toFacilityId(),
                t.occurredAt(), before != null, after != null, list(was), list(would),
                would.keySet().stream().filter(k -> !was.containsKey(k)).sorted().toList(),
                was.keySet().stream().filter(k -> !would.containsKey(k)).sorted().toList());
    }

    private static List<Flag> list(Map<String, BigDecimal> flags) {
        return flags.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> new Flag(e.getKey(), e.getValue() == null ? null : e.getValue().stripTrailingZeros()))
                    .toList();
    }

    private static void verdict(List<WhatIfAnswer.VerdictChange> out, String lotId, String policy, CheckResult before,
                                CheckResult after) {
        if (before.verdict() != after.verdict()) {
            out.add(new WhatIfAnswer.VerdictChange(lotId, policy, before.verdict().name(), after.verdict().name(),
                                                   after.reasons().stream().map(CheckResult.Reason::code).toList()));
        }
    }

    private static String[] missing(Set<String> wanted, Map<String, ?> have) {
        return wanted.stream().filter(id -> !have.containsKey(id)).sorted(Comparator.naturalOrder())
                     .toArray(String[]::new);
    }
}
