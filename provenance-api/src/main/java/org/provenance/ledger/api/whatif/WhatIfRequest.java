package org.provenance.ledger.api.whatif;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** POST /api/what-if: changes applied hypothetically; nothing is recorded. */
public record WhatIfRequest(Instant asOf, List<BlocChange> blocChanges, List<FacilityCorrection> facilityCorrections) {

    @Schema(name = "WhatIfChange")
    public enum Change { JOIN, LEAVE }

    @Schema(name = "WhatIfBlocChange")
    public record BlocChange(String blocId, String country, Change change, Instant effectiveFrom) {
    }

    /** country and ownerCountry: what they would be from effectiveFrom; absent means unchanged. */
    @Schema(name = "WhatIfFacilityCorrection")
    public record FacilityCorrection(String facilityId, String country, String ownerCountry, Instant effectiveFrom) {
    }
}
