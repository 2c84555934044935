package org.provenance.ledger.api.console;

import org.provenance.ledger.projections.lot.Lineage;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A lot's lineage (upstream and downstream) as Cytoscape.js elements: lots and facilities as
 * nodes, masses on the edges. A lot enters through the facility that extracted or registered it,
 * goes into the facility that transforms it, and comes out as the lots made there. Above
 * {@link #LOT_DETAIL_LIMIT} lots the graph is collapsed by facility (custody flows between
 * facilities, masses summed), so a browser lays out and draws tens of nodes instead of thousands.
 */
final class LineageGraph {

    static final int LOT_DETAIL_LIMIT = 400;

    record Element(Map<String, Object> data, String classes) {
    }

    record Graph(String detail, int lotCount, int facilityCount, List<Element> elements) {
    }

    private final Map<String, Element> nodes = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> edges = new LinkedHashMap<>();

    static Graph of(String lotId, List<Lineage> walks, Set<String> offending, String detail) {
        Map<String, Lineage.LotNode> lots = new LinkedHashMap<>();
        Map<String, Lineage.FacilityNode> facilities = new LinkedHashMap<>();
        Map<String, Lineage.TransformationEdge> transformations = new LinkedHashMap<>();
        Map<String, Lineage.TransferEdge> transfers = new LinkedHashMap<>();
        for (Lineage walk : walks) {
            walk.lots().forEach(l -> lots.putIfAbsent(l.lotId(), l));
            walk.facilities().forEach(f -> facilities.putIfAbsent(f.facilityId(), f));
            walk.transformations().forEach(t -> transformations.putIfAbsent(t.transformationId(), t));
            walk.transfers().forEach(t -> transfers.putIfAbsent(t.transferId(), t));
        }
        boolean collapse = "facilities".equals(detail) || (!"lots".equals(detail) && lots.size() > LOT_DETAIL_LIMIT);
        LineageGraph graph = new LineageGraph();
        facilities.values().forEach(f -> graph.facility(f, offending.contains(f.facilityId())));
        if (collapse) {
            graph.lot(lots.get(lotId), true);
            for (Lineage.TransferEdge t : transfers.values()) {
                graph.edge("fac:" + t.fromFacilityId(), "fac:" + t.toFacilityId(), t.massKg());
            }
            for (Lineage.TransformationEdge t : transformations.values()) {
                if (t.outputs().stream().anyMatch(o -> o.lotId().equals(lotId))) {
                    graph.edge("fac:" + t.facilityId(), "lot:" + lotId, mass(t.outputs(), lotId));
                }
            }
        } else {
            lots.values().forEach(l -> graph.lot(l, l.lotId().equals(lotId)));
            Set<String> produced = new java.util.HashSet<>();
            for (Lineage.TransformationEdge t : transformations.values()) {
                for (Lineage.MassOfLot in : t.inputs()) {
                    graph.edge("lot:" + in.lotId(), "fac:" + t.facilityId(), in.massKg());
                }
                for (Lineage.MassOfLot out : t.outputs()) {
                    produced.add(out.lotId());
                    graph.edge("fac:" + t.facilityId(), "lot:" + out.lotId(), out.massKg());
                }
            }
            Map<String, Lineage.TransferEdge> firstTransfer = new LinkedHashMap<>();
            transfers.values().stream().sorted(java.util.Comparator.comparing(Lineage.TransferEdge::occurredAt))
                     .forEach(t -> firstTransfer.putIfAbsent(t.lotId(), t));
            for (Lineage.LotNode l : lots.values()) {
                if (!produced.contains(l.lotId())) {
                    Lineage.TransferEdge first = firstTransfer.get(l.lotId());
                    String origin = first != null ? first.fromFacilityId() : l.custodianId();
                    graph.edge("fac:" + origin, "lot:" + l.lotId(), l.initialMassKg());
                }
            }
            for (Lineage.TransferEdge t : transfers.values()) {
                String into = "fac:" + t.toFacilityId();
                if (!graph.edges.containsKey("lot:" + t.lotId() + ">" + into)) {
                    graph.edge("lot:" + t.lotId(), into, t.massKg());
                }
            }
        }
        List<Element> elements = new ArrayList<>(graph.nodes.values());
        graph.edges.values().stream().filter(e -> graph.nodes.containsKey((String) e.get("source"))
                                                  && graph.nodes.containsKey((String) e.get("target")))
                   .forEach(e -> elements.add(new Element(withLabel(e), "")));
        return new Graph(collapse ? "facilities" : "lots", lots.size(), facilities.size(), elements);
    }

    private void facility(Lineage.FacilityNode f, boolean offending) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", "fac:" + f.facilityId());
        data.put("label", f.facilityId() + " (" + f.country() + ")" + (offending ? " — offending" : ""));
        data.put("href", "/console/facilities/" + f.facilityId());
        data.put("kind", f.kind());
        nodes.put("fac:" + f.facilityId(), new Element(data, "facility" + (offending ? " offending" : "")));
    }

    private void lot(Lineage.LotNode l, boolean focus) {
        if (l == null) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", "lot:" + l.lotId());
        data.put("label", l.lotId() + "\n" + l.form() + " " + l.initialMassKg().stripTrailingZeros().toPlainString()
                          + " kg");
        data.put("href", "/console/lots/" + l.lotId());
        nodes.put("lot:" + l.lotId(), new Element(data, "lot" + (focus ? " focus" : "")));
    }

    private void edge(String source, String target, BigDecimal massKg) {
        if (source.equals(target)) {
            return;
        }
        Map<String, Object> edge = edges.computeIfAbsent(source + ">" + target, key -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", "e:" + key);
            data.put("source", source);
            data.put("target", target);
            data.put("massKg", BigDecimal.ZERO);
            return data;
        });
        edge.put("massKg", ((BigDecimal) edge.get("massKg")).add(massKg));
    }

    private static Map<String, Object> withLabel(Map<String, Object> edge) {
        edge.put("label", ((BigDecimal) edge.get("massKg")).stripTrailingZeros().toPlainString() + " kg");
        edge.put("massKg", ((BigDecimal) edge.get("massKg")).stripTrailingZeros());
        return edge;
    }

    private static BigDecimal mass(List<Lineage.MassOfLot> masses, String lotId) {
        return masses.stream().filter(m -> m.lotId().equals(lotId)).map(Lineage.MassOfLot::massKg)
                     .findFirst().orElse(BigDecimal.ZERO);
    }
}
