package org.provenance.ledger.projections.lot;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lineage in one statement whatever the graph's size: a recursive walk over the transformation
 * edges, and the lots, transformations, transfers and facilities joined onto the walk's result
 * (each set computed once, as a CTE, instead of probing the reached ids again per kind; the
 * transformations walked through come from the walk itself). Plans: docs/DESIGN.md, issue 15.
 */
@Component
public class LineageQueries {

    public enum Direction { UPSTREAM, DOWNSTREAM }

    private static final int LOT = 0;
    private static final int TRANSFORMATION = 1;
    private static final int TRANSFER = 2;
    private static final int FACILITY = 3;

    /*
     * Rows of four kinds in one result: kind, sort keys (k_ts, k1..k3, in the database's collation as
     * before), then the kind's columns in c1..c5, n (a mass), t (a time), d (a depth).
     */
    private static final String LINEAGE = """
            with recursive walk(lot_id, depth, via) as (
                select cast(? as text), 0, cast(null as text)
                union
                %1$s
                where ? < 0 or w.depth < ?
            ),
            reached as (select lot_id, min(depth) as depth from walk group by lot_id),
            lots as (select l.lot_id, l.mineral, l.form, l.initial_kg, l.custodian_id, l.created_by, l.source_id,
                            r.depth
                     from reached r join lot_view l on l.lot_id = r.lot_id),
            walked as (select t.transformation_id, t.facility_id, t.stage, t.occurred_at from transformation_view t
                       where t.transformation_id in (select via from walk)),
            edges as (select w.transformation_id, w.facility_id, w.stage, w.occurred_at, 'IN' as side, i.lot_id,
                             i.mass_kg
                      from walked w join transformation_input i on i.transformation_id = w.transformation_id
                      union all
                      select w.transformation_id, w.facility_id, w.stage, w.occurred_at, 'OUT', o.lot_id, o.mass_kg
                      from walked w join transformation_output o on o.transformation_id = w.transformation_id),
            transfers as (select tv.* from reached r join transfer_view tv on tv.lot_id = r.lot_id),
            facility_ids as (select custodian_id as facility_id from lots
                             union select facility_id from edges
                             union select from_facility_id from transfers
                             union select to_facility_id from transfers
                             union select source_id from lots where created_by = 'EXTRACTION')
            select 0 as kind, null::timestamptz as k_ts, null::text as k1, null::text as k2, null::text as k3,
                   lot_id as c1, mineral as c2, form as c3, custodian_id as c4, null::text as c5,
                   initial_kg as n, null::timestamptz as t, depth as d
            from lots
            union all
            select 1, null, transformation_id, side, lot_id,
                   transformation_id, facility_id, stage, side, lot_id, mass_kg, occurred_at, null
            from edges
            union all
            select 2, occurred_at, transfer_id, null, null,
                   transfer_id, lot_id, from_facility_id, to_facility_id, null, mass_kg, occurred_at, null
            from transfers
            union all
            select 3, null, f.facility_id, null, null,
                   f.facility_id, f.name, f.kind, f.country, f.owner_country, null, null, null
            from facility_ids i join facility_view f on f.facility_id = i.facility_id
            order by 1, 2, 3, 4, 5""";

    private final JdbcClient jdbc;

    public LineageQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Lineage lineage(String lotId, Direction direction, Integer maxDepth) {
        // Upstream: from a lot to the inputs of the transformation that produced it; downstream: the
        // reverse. Each step carries the transformation it went through (via), so the transformations
        // walked are the walk's own, not found again by probing the reached lots once more.
        String step = direction == Direction.UPSTREAM
                ? """
                  select i.lot_id, w.depth + 1, o.transformation_id from walk w
                  join transformation_output o on o.lot_id = w.lot_id
                  join transformation_input i on i.transformation_id = o.transformation_id"""
                : """
                  select o.lot_id, w.depth + 1, i.transformation_id from walk w
                  join transformation_input i on i.lot_id = w.lot_id
                  join transformation_output o on o.transformation_id = i.transformation_id""";
        int limit = maxDepth == null ? -1 : maxDepth;
        List<Lineage.LotNode> lots = new ArrayList<>();
        Map<String, Lineage.TransformationEdge> transformations = new LinkedHashMap<>();
        List<Lineage.TransferEdge> transfers = new ArrayList<>();
        List<Lineage.FacilityNode> facilities = new ArrayList<>();
        jdbc.sql(LINEAGE.formatted(step))
            .params(lotId, limit, limit)
            .query(rs -> {
                switch (rs.getInt("kind")) {
                    case LOT -> lots.add(new Lineage.LotNode(rs.getString("c1"), rs.getString("c2"),
                            rs.getString("c3"), rs.getBigDecimal("n").stripTrailingZeros(), rs.getString("c4"),
                            rs.getInt("d")));
                    case TRANSFORMATION -> {
                        String id = rs.getString("c1");
                        Lineage.TransformationEdge edge = transformations.get(id);
                        if (edge == null) {
                            edge = new Lineage.TransformationEdge(id, rs.getString("c2"), rs.getString("c3"),
                                                                  rs.getTimestamp("t").toInstant(), new ArrayList<>(),
                                                                  new ArrayList<>());
                            transformations.put(id, edge);
                        }
                        var mass = new Lineage.MassOfLot(rs.getString("c5"), rs.getBigDecimal("n").stripTrailingZeros());
                        ("IN".equals(rs.getString("c4")) ? edge.inputs() : edge.outputs()).add(mass);
                    }
                    case TRANSFER -> transfers.add(new Lineage.TransferEdge(rs.getString("c1"), rs.getString("c2"),
                            rs.getString("c3"), rs.getString("c4"), rs.getBigDecimal("n").stripTrailingZeros(),
                            rs.getTimestamp("t").toInstant()));
                    case FACILITY -> facilities.add(new Lineage.FacilityNode(rs.getString("c1"), rs.getString("c2"),
                            rs.getString("c3"), rs.getString("c4"), rs.getString("c5")));
                    default -> throw new IllegalStateException("unknown lineage row kind");
                }
            });
        lots.sort(Comparator.comparingInt(Lineage.LotNode::depth).thenComparing(Lineage.LotNode::lotId));
        return new Lineage(lotId, direction.name(), maxDepth, List.copyOf(lots), facilities,
                           List.copyOf(transformations.values()), transfers);
    }

    /**
     * For each of the given upstream lots, the shortest chain of lots from it down to the target
     * (both included): one recursive query for the target's upstream edges, then a walk in memory.
     */
    public Map<String, List<String>> chainsTo(String targetLotId, java.util.Set<String> upstreamLotIds) {
        Map<String, String> towardsTarget = new java.util.HashMap<>();
        List<String[]> edges = jdbc.sql("""
                        with recursive walk(lot_id) as (
                            select cast(? as varchar)
                            union
                            select i.lot_id from walk w
                            join transformation_output o on o.lot_id = w.lot_id
                            join transformation_input i on i.transformation_id = o.transformation_id
                        )
                        select o.lot_id as child, i.lot_id as parent from walk w
                        join transformation_output o on o.lot_id = w.lot_id
                        join transformation_input i on i.transformation_id = o.transformation_id""")
                                   .param(targetLotId)
                                   .query((rs, n) -> new String[]{rs.getString(1), rs.getString(2)})
                                   .list();
        Map<String, List<String>> parents = new java.util.HashMap<>();
        edges.forEach(e -> parents.computeIfAbsent(e[0], k -> new ArrayList<>()).add(e[1]));
        java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(List.of(targetLotId));
        towardsTarget.put(targetLotId, null);
        while (!queue.isEmpty()) {
            String child = queue.poll();
            for (String parent : parents.getOrDefault(child, List.of())) {
                if (!towardsTarget.containsKey(parent)) {
                    towardsTarget.put(parent, child);
                    queue.add(parent);
                }
            }
        }
        Map<String, List<String>> chains = new LinkedHashMap<>();
        for (String lotId : upstreamLotIds) {
            if (!towardsTarget.containsKey(lotId)) {
                continue;
            }
            List<String> chain = new ArrayList<>();
            for (String at = lotId; at != null; at = towardsTarget.get(at)) {
                chain.add(at);
            }
            chains.put(lotId, chain);
        }
        return chains;
    }
}
