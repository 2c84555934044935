package org.provenance.ledger.api.lot;

import org.provenance.ledger.composition.Composition;
import org.provenance.ledger.composition.Exposure;
import org.provenance.ledger.composition.Route;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/** A lot's composition and exposure in the shapes of SPEC 6. */
public final class CompositionResponse {

    private CompositionResponse() {
    }

    public record RouteShare(String origin, Map<String, SortedSet<String>> stages, SortedSet<String> control,
                             BigDecimal share) {
    }

    public record ExposureView(String blocId, Instant asOf, BigDecimal nonBlocOriginShare,
                               BigDecimal nonBlocProcessingShare, BigDecimal nonBlocControlShare,
                               BigDecimal unknownShare) {
    }

    public static List<RouteShare> routes(Composition composition) {
        return composition.ordered().stream().map(e -> {
            Route r = e.getKey();
            Map<String, SortedSet<String>> stages = new java.util.LinkedHashMap<>();
            r.stages().forEach((stage, countries) -> stages.put(stage.name(), countries));
            return new RouteShare(r.origin(), stages, r.control(), e.getValue().stripTrailingZeros());
        }).toList();
    }

    public static ExposureView exposure(String blocId, Instant asOf, Exposure exposure) {
        return new ExposureView(blocId, asOf, exposure.nonBlocOriginShare().stripTrailingZeros(),
                                exposure.nonBlocProcessingShare().stripTrailingZeros(),
                                exposure.nonBlocControlShare().stripTrailingZeros(),
                                exposure.unknownShare().stripTrailingZeros());
    }
}
