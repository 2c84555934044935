package org.provenance.ledger.lot;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The lot's one fold, as the as-of read replays it up to an instant of business time. */
class LotHistoryTest {

    private static final Instant MINED = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant SHIPPED = Instant.parse("2026-06-20T00:00:00Z");
    private static final Instant REFINED = Instant.parse("2026-07-01T00:00:00Z");

    private static final List<LotEvent> EVENTS = List.of(
            new LotExtracted("ORE-1", "MINE-1", "cobalt", "ore", new BigDecimal("1000.000000"), MINED),
            new LotTransferred("TR-1", "ORE-1", "MINE-1", "REF-1", new BigDecimal("1000.000000"), null, SHIPPED),
            new LotConsumed("ORE-1", "T-1", "REF-1", new BigDecimal("1000.000000"), new BigDecimal("0.000000"),
                            REFINED));

    @Test
    void isEmptyBeforeTheLotWasCreated() {
        assertThat(LotHistory.asOf(EVENTS, MINED.minusNanos(1))).isEmpty();
    }

    @Test
    void includesEventsAtExactlyTheInstant() {
        LotHistory shipped = LotHistory.asOf(EVENTS, SHIPPED).orElseThrow();

        assertThat(shipped.custodianId()).isEqualTo("REF-1");
        assertThat(shipped.remainingKg()).isEqualByComparingTo("1000");
        assertThat(shipped.lastOccurredAt()).isEqualTo(SHIPPED);
        assertThat(shipped.status()).isEqualTo("ACTIVE");
    }

    @Test
    void keepsWhatTheCreationSaidAndCollectsTheTransformationsTheLotWentInto() {
        LotHistory consumed = LotHistory.asOf(EVENTS, REFINED.plusSeconds(1)).orElseThrow();

        assertThat(consumed).isEqualTo(new LotHistory("ORE-1", "cobalt", "ore", new BigDecimal("1000.000000"),
                                                      new BigDecimal("0.000000"), "REF-1", MINED, REFINED,
                                                      List.of("T-1"), null));
        assertThat(consumed.status()).isEqualTo("CONSUMED");
    }

    @Test
    void startsAProducedLotInTheCustodyOfTheFacilityThatMadeIt() {
        LotHistory produced = LotHistory.evolve(null, new LotProduced("REF-LOT", "T-1", "REF-1", "cobalt",
                                                                      "hydroxide", new BigDecimal("400.000000"),
                                                                      REFINED));

        assertThat(produced.custodianId()).isEqualTo("REF-1");
        assertThat(produced.createdAt()).isEqualTo(REFINED);
        assertThat(produced.transformationsConsumedIn()).isEmpty();
    }
}
