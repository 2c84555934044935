package org.provenance.ledger.projections.lot;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lineage in a fixed number of queries whatever the graph's size: one recursive walk over the
 * transformation edges, then one query each for lot nodes, transformations, transfers and
 * facilities. No per-node round trips.
 */
@Component
public class LineageQueries {

    public enum Direction { UPSTREAM, DOWNSTREAM }

    private final JdbcClient jdbc;

    public LineageQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Lineage lineage(String lotId, Direction direction, Integer maxDepth) {
        // Upstream: from a lot to the inputs of the transformation that produced it; downstream: the reverse.
        String step = direction == Direction.UPSTREAM
                ? """
                  select i.lot_id, w.depth + 1 from walk w
                  join transformation_output o on o.lot_id = w.lot_id
                  join transformation_input i on i.transformation_id = o.transformation_id"""
                : """
                  select o.lot_id, w.depth + 1 from walk w
                  join transformation_input i on i.lot_id = w.lot_id
                  join transformation_output o on o.transformation_id = i.transformation_id""";
        List<Object[]> reached = jdbc.sql("""
                        with recursive walk(lot_id, depth) as (
                            select cast(? as varchar), 0
                            union
                            %s
                            where ? < 0 or w.depth < ?
                        )
                        select lot_id, min(depth) from walk group by lot_id""".formatted(step))
                                     .params(lotId, maxDepth == null ? -1 : maxDepth, maxDepth == null ? -1 : maxDepth)
                                     .query((rs, n) -> new Object[]{rs.getString(1), rs.getInt(2)})
                                     .list();
        Map<String, Integer> depth = new LinkedHashMap<>();
        reached.forEach(r -> depth.put((String) r[0], (Integer) r[1]));
        String[] ids = depth.keySet().toArray(String[]::new);

        List<Lineage.LotNode> lots = jdbc.sql("""
                        select lot_id, mineral, form, initial_kg, custodian_id from lot_view where lot_id = any(?)""")
                                         .param(ids)
                                         .query((rs, n) -> new Lineage.LotNode(rs.getString(1), rs.getString(2),
                                                 rs.getString(3), rs.getBigDecimal(4).stripTrailingZeros(),
                                                 rs.getString(5), depth.get(rs.getString(1))))
                                         .list().stream()
                                         .sorted(java.util.Comparator.comparingInt(Lineage.LotNode::depth)
                                                                     .thenComparing(Lineage.LotNode::lotId))
                                         .toList();

        // The transformations the walk went through: those that produced (upstream) or consumed
        // (downstream) a reached lot that was itself expanded, i.e. lies above the depth limit.
        String[] expanded = depth.entrySet().stream().filter(e -> maxDepth == null || e.getValue() < maxDepth)
                                 .map(Map.Entry::getKey).toArray(String[]::new);
        String walkedThrough = direction == Direction.UPSTREAM
                ? "(select transformation_id from transformation_output where lot_id = any(?))"
                : "(select transformation_id from transformation_input where lot_id = any(?))";
        Map<String, Lineage.TransformationEdge> transformations = new LinkedHashMap<>();
        jdbc.sql("""
                 select t.transformation_id, t.facility_id, t.stage, t.occurred_at, 'IN' as side, i.lot_id, i.mass_kg
                 from transformation_view t join transformation_input i on i.transformation_id = t.transformation_id
                 where t.transformation_id in %1$s
                 union all
                 select t.transformation_id, t.facility_id, t.stage, t.occurred_at, 'OUT', o.lot_id, o.mass_kg
                 from transformation_view t join transformation_output o on o.transformation_id = t.transformation_id
                 where t.transformation_id in %1$s
                 order by 1, 5, 6""".formatted(walkedThrough))
            .params(expanded, expanded)
            .query(rs -> {
                String id = rs.getString(1);
                Lineage.TransformationEdge edge = transformations.computeIfAbsent(id, k -> {
                    try {
                        return new Lineage.TransformationEdge(id, rs.getString(2), rs.getString(3),
                                                              rs.getTimestamp(4).toInstant(), new ArrayList<>(),
                                                              new ArrayList<>());
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                var mass = new Lineage.MassOfLot(rs.getString(6), rs.getBigDecimal(7).stripTrailingZeros());
                ("IN".equals(rs.getString(5)) ? edge.inputs() : edge.outputs()).add(mass);
            });

        List<Lineage.TransferEdge> transfers = jdbc.sql("""
                        select transfer_id, lot_id, from_facility_id, to_facility_id, mass_kg, occurred_at
                        from transfer_view where lot_id = any(?) order by occurred_at, transfer_id""")
                                                  .param(ids)
                                                  .query((rs, n) -> new Lineage.TransferEdge(rs.getString(1),
                                                          rs.getString(2), rs.getString(3), rs.getString(4),
                                                          rs.getBigDecimal(5).stripTrailingZeros(),
                                                          rs.getTimestamp(6).toInstant()))
                                                  .list();

        List<String> facilityIds = new ArrayList<>();
        lots.forEach(l -> facilityIds.add(l.custodianId()));
        transformations.values().forEach(t -> facilityIds.add(t.facilityId()));
        transfers.forEach(t -> {
            facilityIds.add(t.fromFacilityId());
            facilityIds.add(t.toFacilityId());
        });
        jdbc.sql("select source_id from lot_view where lot_id = any(?) and created_by = 'EXTRACTION'")
            .param(ids).query(String.class).list().forEach(facilityIds::add);
        List<Lineage.FacilityNode> facilities = jdbc.sql("""
                        select facility_id, name, kind, country, owner_country from facility_view
                        where facility_id = any(?) order by facility_id""")
                                                    .param(facilityIds.stream().distinct().toArray(String[]::new))
                                                    .query((rs, n) -> new Lineage.FacilityNode(rs.getString(1),
                                                            rs.getString(2), rs.getString(3), rs.getString(4),
                                                            rs.getString(5)))
                                                    .list();
        return new Lineage(lotId, direction.name(), maxDepth, lots, facilities,
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
