package org.provenance.ledger.flag;

import org.provenance.ledger.composition.Contributor;
import org.provenance.ledger.composition.Exposure;
import org.provenance.ledger.composition.Membership;
import org.provenance.ledger.composition.Provenance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which flags a purchase raises (SPEC 4), evaluated with the membership and price floor in force
 * at the purchase. Each check is a small rule: a share above zero, or a price below the floor.
 */
public final class PurchasePolicy {

    private PurchasePolicy() {
    }

    /** The floor in force for the purchase's mineral, form and currency, if the bloc set one. */
    public record Price(BigDecimal paid, BigDecimal floor) {
    }

    public static List<RaisedFlag> evaluate(Provenance provenance, Membership bloc, Price price) {
        Exposure exposure = Exposure.of(provenance.composition(), bloc);
        List<Contributor> contributors = provenance.contributors();
        List<RaisedFlag> flags = new ArrayList<>();
        shareFlag(flags, FlagType.NON_BLOC_ORIGIN, exposure.nonBlocOriginShare(), contributors,
                  c -> c.isOrigin() && !bloc.isMember(c.country()));
        shareFlag(flags, FlagType.NON_BLOC_PROCESSING, exposure.nonBlocProcessingShare(), contributors,
                  c -> c.isProcessing() && !bloc.isMember(c.country()));
        shareFlag(flags, FlagType.NON_BLOC_CONTROL, exposure.nonBlocControlShare(), contributors,
                  c -> c.foreignOwner() != null && !bloc.isMember(c.foreignOwner()));
        shareFlag(flags, FlagType.UNKNOWN_ORIGIN, exposure.unknownShare(), contributors,
                  Contributor::introducesUnknown);
        if (price != null && price.paid() != null && price.floor() != null && price.paid().compareTo(price.floor()) < 0) {
            flags.add(new RaisedFlag(FlagType.PRICE_BELOW_FLOOR, null, List.of()));
        }
        return flags;
    }

    /** Raised when share > 0: exact, never "above some epsilon" (SPEC 3). */
    private static void shareFlag(List<RaisedFlag> flags, FlagType type, BigDecimal share,
                                  List<Contributor> contributors, Predicate<Contributor> offending) {
        if (share.signum() > 0) {
            flags.add(new RaisedFlag(type, share, evidence(contributors, offending)));
        }
    }

    /**
     * Every entry names both countries, whatever the flag: a control flag on a Canadian mine owned
     * from China must read "CA, owned from CN", never "CN" alone, which a reader takes for the location.
     */
    public static List<RaisedFlag.Evidence> evidence(List<Contributor> contributors, Predicate<Contributor> offending) {
        return contributors.stream().filter(offending)
                           .map(c -> new RaisedFlag.Evidence(c.facilityId(), c.country(), c.ownerCountry(), c.stage(),
                                                             c.lotId()))
                           .toList();
    }
}
