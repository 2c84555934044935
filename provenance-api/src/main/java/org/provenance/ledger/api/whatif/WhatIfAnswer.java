package org.provenance.ledger.api.whatif;

import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The purchases whose flags and the lots whose verdicts would change, each with before and after. */
public record WhatIfAnswer(String blocId, Instant asOf, int purchasesEvaluated, int lotsEvaluated,
                           List<PurchaseChange> purchases, List<VerdictChange> lots) {

    @Schema(name = "WhatIfFlag")
    public record Flag(String type, BigDecimal share) {
    }

    /** purchaseBefore/After: whether the transfer counts as a purchase at all (the buyer's country in the bloc). */
    @Schema(name = "WhatIfPurchaseChange")
    public record PurchaseChange(String transferId, String lotId, String fromFacilityId, String toFacilityId,
                                 Instant occurredAt, boolean purchaseBefore, boolean purchaseAfter, List<Flag> before,
                                 List<Flag> after, List<String> raised, List<String> withdrawn) {
    }

    @Schema(name = "WhatIfVerdictChange")
    public record VerdictChange(String lotId, String policy, String before, String after, List<String> reasonsAfter) {
    }
}
