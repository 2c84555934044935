package org.provenance.ledger.flag;

import org.junit.jupiter.api.Test;
import org.provenance.ledger.composition.Membership;
import org.provenance.ledger.composition.Provenance;
import org.provenance.ledger.transformation.Stage;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provenance.ledger.flag.FlagType.NON_BLOC_CONTROL;
import static org.provenance.ledger.flag.FlagType.NON_BLOC_ORIGIN;
import static org.provenance.ledger.flag.FlagType.NON_BLOC_PROCESSING;
import static org.provenance.ledger.flag.FlagType.PRICE_BELOW_FLOOR;
import static org.provenance.ledger.flag.FlagType.UNKNOWN_ORIGIN;

/** SPEC 4: which flags a purchase raises, from the lot's provenance, the bloc then and the price paid. */
class PurchasePolicyTest {

    private static final Membership ALLIES = Set.of("AU", "US", "CA")::contains;

    private static final Provenance.Facility AU_MINE = new Provenance.Facility("MINE-AU", "AU", null);
    private static final Provenance.Facility CD_MINE = new Provenance.Facility("MINE-CD", "CD", null);
    private static final Provenance.Facility CA_MINE_OWNED_FROM_CN = new Provenance.Facility("MINE-CA", "CA", "CN");
    private static final Provenance.Facility CN_REFINERY = new Provenance.Facility("REF-CN", "CN", null);
    private static final Provenance.Facility US_TRADER = new Provenance.Facility("TRADER-US", "US", null);

    private static List<FlagType> types(List<RaisedFlag> flags) {
        return flags.stream().map(RaisedFlag::type).toList();
    }

    private static Provenance through(Provenance input, Stage stage, Provenance.Facility at, String outputLotId) {
        return Provenance.transformed(List.of(new Provenance.Input(input, new BigDecimal("100"))), stage, at,
                                      new BigDecimal("100"), outputLotId);
    }

    @Test
    void aLotMinedAndHandledInTheBlocRaisesNothing() {
        Provenance lot = through(Provenance.extracted("ORE-1", AU_MINE), Stage.REFINING,
                                 new Provenance.Facility("REF-US", "US", null), "REF-1");

        assertThat(PurchasePolicy.evaluate(lot, ALLIES, null)).isEmpty();
    }

    @Test
    void materialMinedOutsideTheBlocRaisesNonBlocOriginWithItsShareAndTheMine() {
        Provenance blend = Provenance.transformed(
                List.of(new Provenance.Input(Provenance.extracted("ORE-AU", AU_MINE), new BigDecimal("300")),
                        new Provenance.Input(Provenance.extracted("ORE-CD", CD_MINE), new BigDecimal("100"))),
                Stage.BLENDING, US_TRADER, new BigDecimal("400"), "BLEND-1");

        List<RaisedFlag> flags = PurchasePolicy.evaluate(blend, ALLIES, null);

        assertThat(types(flags)).containsExactly(NON_BLOC_ORIGIN);
        assertThat(flags.get(0).share()).isEqualByComparingTo("0.25");
        assertThat(flags.get(0).evidence())
                .containsExactly(new RaisedFlag.Evidence("MINE-CD", "CD", null, "MINING", "ORE-CD"));
    }

    @Test
    void processingOutsideTheBlocRaisesNonBlocProcessingButNotOrigin() {
        Provenance refined = through(Provenance.extracted("ORE-1", AU_MINE), Stage.REFINING, CN_REFINERY, "REF-1");

        List<RaisedFlag> flags = PurchasePolicy.evaluate(refined, ALLIES, null);

        assertThat(types(flags)).containsExactly(NON_BLOC_PROCESSING);
        assertThat(flags.get(0).share()).isEqualByComparingTo("1");
        assertThat(flags.get(0).evidence())
                .containsExactly(new RaisedFlag.Evidence("REF-CN", "CN", null, "REFINING", "REF-1"));
    }

    @Test
    void aBlocMineOwnedFromOutsideRaisesNonBlocControlNamingBothCountries() {
        List<RaisedFlag> flags = PurchasePolicy.evaluate(Provenance.extracted("ORE-1", CA_MINE_OWNED_FROM_CN),
                                                         ALLIES, null);

        assertThat(types(flags)).containsExactly(NON_BLOC_CONTROL);
        assertThat(flags.get(0).evidence())
                .containsExactly(new RaisedFlag.Evidence("MINE-CA", "CA", "CN", "MINING", "ORE-1"));
    }

    @Test
    void aRegistrationWithoutDeclaredOriginRaisesUnknownOrigin() {
        Provenance registered = Provenance.registered("REG-1", US_TRADER, null);

        List<RaisedFlag> flags = PurchasePolicy.evaluate(registered, ALLIES, null);

        assertThat(types(flags)).containsExactly(UNKNOWN_ORIGIN);
        assertThat(flags.get(0).share()).isEqualByComparingTo("1");
    }

    @Test
    void aDeclaredOriginOutsideTheBlocCountsAsNonBlocOrigin() {
        Provenance registered = Provenance.registered("REG-1", US_TRADER, "CD");

        assertThat(types(PurchasePolicy.evaluate(registered, ALLIES, null))).containsExactly(NON_BLOC_ORIGIN);
    }

    @Test
    void aPriceBelowTheFloorRaisesPriceBelowFloor() {
        Provenance lot = Provenance.extracted("ORE-1", AU_MINE);

        List<RaisedFlag> flags = PurchasePolicy.evaluate(
                lot, ALLIES, new PurchasePolicy.Price(new BigDecimal("29.99"), new BigDecimal("30")));

        assertThat(types(flags)).containsExactly(PRICE_BELOW_FLOOR);
        assertThat(flags.get(0).share()).isNull();
    }

    @Test
    void aPriceAtTheFloorOrWithoutAFloorRaisesNothing() {
        Provenance lot = Provenance.extracted("ORE-1", AU_MINE);

        assertThat(PurchasePolicy.evaluate(lot, ALLIES, new PurchasePolicy.Price(new BigDecimal("30.000"),
                                                                                 new BigDecimal("30")))).isEmpty();
        assertThat(PurchasePolicy.evaluate(lot, ALLIES, new PurchasePolicy.Price(new BigDecimal("1"), null))).isEmpty();
        assertThat(PurchasePolicy.evaluate(lot, ALLIES, new PurchasePolicy.Price(null, new BigDecimal("30")))).isEmpty();
    }
}
