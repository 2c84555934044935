package org.provenance.ledger.projections.whatif;

import org.provenance.ledger.composition.Provenance;
import org.provenance.ledger.projections.whatif.WhatIfQueries.LotOrigin;
import org.provenance.ledger.projections.whatif.WhatIfQueries.Made;
import org.provenance.ledger.transformation.Stage;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bounded recompute of the lots downstream of corrected facilities, shared by the what-if
 * (hypothetical corrections) and the correction projection (recorded ones): only the given lots are
 * recomputed, with the pure core functions and the facility facts in force at each event's business
 * time; every other lot keeps its stored provenance. A lot's inputs are computed before it
 * (memoised recursion), which is creation order.
 */
public final class Recompute {

    /** A facility's facts at an instant of business time, as the caller knows or supposes them. */
    public interface Facts {
        Provenance.Facility at(String facilityId, Instant at);
    }

    private final WhatIfQueries queries;
    private final Set<String> affected;
    private final Facts facts;
    final Map<String, LotOrigin> lots = new HashMap<>();
    final Map<String, Made> made = new HashMap<>();
    final Map<String, Provenance> stored = new HashMap<>();
    private final Map<String, Provenance> recomputed = new HashMap<>();

    /** Loads the affected lots, how they were made, and the stored provenance of them and their inputs. */
    public Recompute(WhatIfQueries queries, Set<String> affected, Facts facts) {
        this.queries = queries;
        this.affected = Set.copyOf(affected);
        this.facts = facts;
        lots.putAll(queries.lots(affected.toArray(String[]::new)));
        String[] transformations = lots.values().stream().filter(l -> "TRANSFORMATION".equals(l.createdBy()))
                                       .map(LotOrigin::sourceId).distinct().toArray(String[]::new);
        made.putAll(queries.transformations(transformations));
        Set<String> needed = new HashSet<>(affected);
        made.values().forEach(m -> m.inputs().forEach(i -> needed.add(i.lotId())));
        load(needed);
    }

    /** Also keeps the stored provenance (and origin) of these lots at hand. */
    public void load(Set<String> lotIds) {
        lots.putAll(queries.lots(missing(lotIds, lots)));
        stored.putAll(queries.provenances(missing(lotIds, stored)));
    }

    public Set<String> affected() {
        return affected;
    }

    /** The affected lots, oldest first (ties by id): the order their new versions are listed in. */
    public List<String> inCreationOrder() {
        return affected.stream().filter(lots::containsKey)
                       .sorted(Comparator.comparing((String id) -> lots.get(id).createdAt()).thenComparing(id -> id))
                       .toList();
    }

    public Provenance stored(String lotId) {
        return stored.get(lotId);
    }

    public LotOrigin lot(String lotId) {
        return lots.get(lotId);
    }

    /** The lot's provenance with the facts supposed: recomputed if affected, else as stored. */
    public Provenance provenance(String lotId) {
        if (!affected.contains(lotId)) {
            return stored.get(lotId);
        }
        Provenance known = recomputed.get(lotId);
        if (known != null) {
            return known;
        }
        LotOrigin lot = lots.get(lotId);
        Provenance provenance = switch (lot.createdBy()) {
            case "EXTRACTION" -> Provenance.extracted(lotId, facts.at(lot.sourceId(), lot.createdAt()));
            case "REGISTRATION" -> Provenance.registered(lotId, facts.at(lot.sourceId(), lot.createdAt()),
                                                         lot.declaredOrigin());
            default -> {
                Made m = made.get(lot.sourceId());
                List<Provenance.Input> inputs = m.inputs().stream()
                        .map(i -> new Provenance.Input(provenance(i.lotId()), i.massKg())).toList();
                yield Provenance.transformed(inputs, Stage.valueOf(m.stage()), facts.at(m.facilityId(), m.occurredAt()),
                                             m.producedKg(), evidenceLot(lotId, m));
            }
        };
        recomputed.put(lotId, provenance);
        return provenance;
    }

    /**
     * Every output of a transformation gets the same provenance, its own touchpoint naming the
     * transformation's first output (in the event's order, which the tables do not keep): the output
     * the stored contributors name for it. All outputs share the contributors, so all are affected and loaded.
     */
    private String evidenceLot(String lotId, Made m) {
        Provenance was = stored.get(lotId);
        if (was != null) {
            for (var c : was.contributors()) {
                LotOrigin named = lots.get(c.lotId());
                if (c.facilityId().equals(m.facilityId()) && c.stage().equals(m.stage()) && named != null
                        && "TRANSFORMATION".equals(named.createdBy()) && named.sourceId().equals(m.transformationId())) {
                    return c.lotId();
                }
            }
        }
        return lotId;
    }

    static String[] missing(Set<String> wanted, Map<String, ?> have) {
        return wanted.stream().filter(id -> !have.containsKey(id)).sorted(Comparator.naturalOrder())
                     .toArray(String[]::new);
    }
}
