package org.provenance.ledger.composition;

import org.provenance.ledger.transformation.Stage;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/**
 * A lot's exposure to a bloc at an instant (SPEC 3): the shares of its mass mined, processed or
 * controlled outside the bloc, and of unknown origin.
 */
public record Exposure(BigDecimal nonBlocOriginShare, BigDecimal nonBlocProcessingShare,
                       BigDecimal nonBlocControlShare, BigDecimal unknownShare) {

    public static Exposure of(Composition composition, Membership bloc) {
        return new Exposure(
                composition.share(route -> !route.isUnknown() && !bloc.isMember(route.originCountry())),
                composition.share(route -> processedOutside(route, bloc)),
                composition.share(route -> route.control().stream().anyMatch(c -> !bloc.isMember(c))),
                composition.share(Route::isUnknown));
    }

    private static boolean processedOutside(Route route, Membership bloc) {
        for (Map.Entry<Stage, ? extends Set<String>> stage : route.stages().entrySet()) {
            if (stage.getKey() != Stage.MINING && stage.getValue().stream().anyMatch(c -> !bloc.isMember(c))) {
                return true;
            }
        }
        return false;
    }
}
