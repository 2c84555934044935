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
import org.provenance.ledger.facility.FacilityTimeline;
import org.provenance.ledger.projections.whatif.Recompute;
import org.provenance.ledger.projections.whatif.WhatIfQueries.Transfer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One hypothetical evaluation. Facility corrections recompute the composition of every lot whose
 * contributors name a corrected facility with {@link Recompute}, the recompute recorded corrections
 * use too, over the recorded facts (corrections included); bloc changes only change the calendar. Both worlds are evaluated with
 * the same code, so a difference is due to the changes alone.
 */
final class WhatIf {

    private final WhatIfQueries queries;
    private final BlocCalendar current;
    private final BlocCalendar hypothetical;
    private final Map<String, List<WhatIfRequest.FacilityCorrection>> corrections;
    private final List<WhatIfQueries.Floor> floors;

    private final Set<String> affected = new HashSet<>();
    private final Map<String, Provenance.Facility> facilities = new HashMap<>();
    private final Map<String, FacilityTimeline> timelines = new HashMap<>();
    private Recompute recompute;

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
        recompute = new Recompute(queries, affected, this::facts);
        List<Transfer> transfers = queries.transfers(affected.toArray(String[]::new),
                                                     corrections.keySet().toArray(String[]::new), blocChangesFrom,
                                                     changedCountries.toArray(String[]::new),
                                                     touchingCountries.toArray(String[]::new));
        Set<String> candidates = new LinkedHashSet<>(affected);
        candidates.addAll(touchingCountries);
        Set<String> needed = new HashSet<>(candidates);
        transfers.forEach(t -> needed.add(t.lotId()));
        recompute.load(needed);
        Set<String> facilityIds = new HashSet<>(corrections.keySet());
        transfers.forEach(t -> facilityIds.add(t.toFacilityId()));
        facilities.putAll(queries.facilities(facilityIds.toArray(String[]::new)));

        List<WhatIfAnswer.PurchaseChange> purchases = new ArrayList<>();
        for (Transfer transfer : transfers) {
            Provenance.Facility buyer = facilities.get(transfer.toFacilityId());
            Map<String, BigDecimal> before = flags(transfer, current, recompute.stored(transfer.lotId()),
                                                   real(buyer.facilityId(), transfer.occurredAt()).country());
            Map<String, BigDecimal> after = flags(transfer, hypothetical, recompute.provenance(transfer.lotId()),
                                                  facts(buyer.facilityId(), transfer.occurredAt()).country());
            if (!same(before, after)) {
                purchases.add(change(transfer, before, after));
            }
        }
        List<WhatIfAnswer.VerdictChange> verdicts = new ArrayList<>();
        int lotsEvaluated = 0;
        for (String lotId : candidates) {
            LotOrigin lot = recompute.lot(lotId);
            if (lot == null || lot.remainingKg().signum() == 0 || lot.createdAt().isAfter(asOf)) {
                continue;
            }
            lotsEvaluated++;
            Provenance was = recompute.stored(lotId);
            Provenance would = recompute.provenance(lotId);
            verdict(verdicts, lotId, "BLOC_ORIGIN", Policies.blocOrigin(was, current.at(asOf)),
                    Policies.blocOrigin(would, hypothetical.at(asOf)));
            DfarsRule rule = DfarsRule.CURRENT;
            verdict(verdicts, lotId, "DFARS_252_225_7052", Policies.dfars(was, rule, rule.phaseAt(asOf)),
                    Policies.dfars(would, rule, rule.phaseAt(asOf)));
        }
        return new WhatIfAnswer(current.blocId(), asOf, transfers.size(), lotsEvaluated, purchases, verdicts);
    }

    /** A facility's facts at an instant as recorded, corrections included. */
    private Provenance.Facility real(String facilityId, Instant at) {
        return timelines.computeIfAbsent(facilityId, id -> queries.timelines(new String[] {id}).get(id)).at(at);
    }

    /** A facility's facts at an instant, with the latest hypothetical correction in force then over the recorded facts. */
    private Provenance.Facility facts(String facilityId, Instant at) {
        Provenance.Facility facility = real(facilityId, at);
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

}
