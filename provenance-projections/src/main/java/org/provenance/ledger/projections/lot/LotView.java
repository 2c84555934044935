package org.provenance.ledger.projections.lot;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A lot as the read side knows it. parentLotIds: the inputs it was made from; childLotIds: what was made from it. */
public record LotView(String lotId, String mineral, String form, BigDecimal initialMassKg, BigDecimal remainingMassKg,
                      String custodianId, String status, String createdBy, String sourceId, String declaredOrigin,
                      Instant createdAt, List<String> parentLotIds, List<String> childLotIds) {
}
