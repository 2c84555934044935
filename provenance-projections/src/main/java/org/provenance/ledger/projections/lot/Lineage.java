package org.provenance.ledger.projections.lot;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A lot's lineage graph: lots and facilities as nodes, transformations and transfers as edges with masses. */
public record Lineage(String lotId, String direction, Integer maxDepth, List<LotNode> lots,
                      List<FacilityNode> facilities, List<TransformationEdge> transformations,
                      List<TransferEdge> transfers) {

    public record LotNode(String lotId, String mineral, String form, BigDecimal initialMassKg, String custodianId,
                          int depth) {
    }

    public record FacilityNode(String facilityId, String name, String kind, String country, String ownerCountry) {
    }

    public record MassOfLot(String lotId, BigDecimal massKg) {
    }

    public record TransformationEdge(String transformationId, String facilityId, String stage, Instant occurredAt,
                                     List<MassOfLot> inputs, List<MassOfLot> outputs) {
    }

    public record TransferEdge(String transferId, String lotId, String fromFacilityId, String toFacilityId,
                               BigDecimal massKg, Instant occurredAt) {
    }
}
