package org.provenance.ledger.api.epcis.trace;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;

/**
 * What an EPC, EPC class or lot leads to (SPEC 11, not in the standard): one recursive SQL walk
 * over three kinds of edge at once, the ledger's transformations (transformation_input/output),
 * EPCIS TransformationEvents (inputs to outputs) and AggregationEvents (children to parent).
 * Each identifier is visited once, however many paths reach it, so the walk is linear in the
 * part of the graph it reaches; the edges are then read for the reached identifiers only.
 */
@Component
public class EpcisTrace {

    public enum Direction { UPSTREAM, DOWNSTREAM }

    public record Node(String id, int depth) {
    }

    /** from is nearer the start; quantity is the mass (kg) or the EPCIS quantity the edge carried, if known. */
    public record Edge(String from, String to, String kind, String via, BigDecimal quantity, String uom) {
    }

    public record Trace(String epc, String direction, List<Node> identifiers, List<Edge> edges, List<String> events) {
    }

    /** Upstream: from an output to its inputs, from a parent to its children. Downstream the reverse. */
    private static final String STEPS_UP = """
            select i.lot_id as next_id, o.transformation_id as via, 'TRANSFORMATION' as kind, i.mass_kg as quantity,
                   'KGM' as uom
              from transformation_output o join transformation_input i on i.transformation_id = o.transformation_id
             where o.lot_id = w.id
            union all
            select x, e.event_id, 'TransformationEvent',
                   (select (q->>'quantity')::numeric from jsonb_array_elements(coalesce(e.document->'inputQuantityList', '[]'))
                     q where q->>'epcClass' = x limit 1),
                   (select q->>'uom' from jsonb_array_elements(coalesce(e.document->'inputQuantityList', '[]'))
                     q where q->>'epcClass' = x limit 1)
              from epcis_event e cross join unnest(e.input_epcs || e.input_classes) x
             where e.event_type = 'TransformationEvent'
               and (e.output_epcs @> array[w.id] or e.output_classes @> array[w.id])
            union all
            select x, e.event_id, 'AggregationEvent',
                   (select (q->>'quantity')::numeric from jsonb_array_elements(coalesce(e.document->'childQuantityList', '[]'))
                     q where q->>'epcClass' = x limit 1),
                   (select q->>'uom' from jsonb_array_elements(coalesce(e.document->'childQuantityList', '[]'))
                     q where q->>'epcClass' = x limit 1)
              from epcis_event e cross join unnest(e.child_epcs || e.epc_classes) x
             where e.event_type = 'AggregationEvent' and e.parent_id = w.id and e.action in ('ADD', 'OBSERVE')""";

    private static final String STEPS_DOWN = """
            select o.lot_id as next_id, i.transformation_id as via, 'TRANSFORMATION' as kind, o.mass_kg as quantity,
                   'KGM' as uom
              from transformation_input i join transformation_output o on o.transformation_id = i.transformation_id
             where i.lot_id = w.id
            union all
            select x, e.event_id, 'TransformationEvent',
                   (select (q->>'quantity')::numeric from jsonb_array_elements(coalesce(e.document->'outputQuantityList', '[]'))
                     q where q->>'epcClass' = x limit 1),
                   (select q->>'uom' from jsonb_array_elements(coalesce(e.document->'outputQuantityList', '[]'))
                     q where q->>'epcClass' = x limit 1)
              from epcis_event e cross join unnest(e.output_epcs || e.output_classes) x
             where e.event_type = 'TransformationEvent'
               and (e.input_epcs @> array[w.id] or e.input_classes @> array[w.id])
            union all
            select e.parent_id, e.event_id, 'AggregationEvent', null, null
              from epcis_event e
             where e.event_type = 'AggregationEvent' and e.parent_id is not null and e.action in ('ADD', 'OBSERVE')
               and (e.child_epcs @> array[w.id] or e.epc_classes @> array[w.id])""";

    private static final String WALK = """
            with recursive walk(id, depth) as (
                select cast(? as text), 0
                union
                select s.next_id, w.depth + 1 from walk w cross join lateral (%1$s) s
                where w.depth < ?
            ),
            reached as (select id, min(depth) as depth from walk group by id)
            select 'N' as row_kind, r.id, r.depth, null as next_id, null as kind, null as via, null::numeric as quantity,
                   null as uom
              from reached r
            union all
            select 'E', w.id, w.depth, s.next_id, s.kind, s.via, s.quantity, s.uom
              from reached w cross join lateral (%1$s) s
             where w.depth < ?
            order by 1 desc, 3, 2, 4""";

    /** Deep enough for any real chain; it bounds a walk through cyclic EPCIS data. */
    static final int MAX_DEPTH = 1000;

    private final JdbcClient jdbc;

    public EpcisTrace(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Trace trace(String start, Direction direction) {
        String sql = WALK.formatted(direction == Direction.UPSTREAM ? STEPS_UP : STEPS_DOWN);
        List<Node> nodes = new java.util.ArrayList<>();
        List<Edge> edges = new java.util.ArrayList<>();
        java.util.Set<String> events = new java.util.LinkedHashSet<>();
        jdbc.sql(sql).params(start, MAX_DEPTH, MAX_DEPTH).query(rs -> {
            if (rs.getString(1).equals("N")) {
                nodes.add(new Node(rs.getString(2), rs.getInt(3)));
            } else {
                String kind = rs.getString(5);
                edges.add(new Edge(rs.getString(2), rs.getString(4), kind, rs.getString(6), rs.getBigDecimal(7),
                                   rs.getString(8)));
                if (!kind.equals("TRANSFORMATION")) {
                    events.add(rs.getString(6));
                }
            }
        });
        return new Trace(start, direction.name().toLowerCase(java.util.Locale.ROOT), nodes, edges, List.copyOf(events));
    }
}
