package org.provenance.ledger.policy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.composition.Contributor;
import org.provenance.ledger.composition.Membership;
import org.provenance.ledger.composition.Provenance;
import org.provenance.ledger.transformation.Stage;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC 5 procurement checks on provenance built as the projection builds it. */
class PoliciesTest {

    private static final Membership ALLIES = Set.of("AU", "US", "CA", "JP")::contains;
    private static final DfarsRule DFARS = DfarsRule.CURRENT;

    private static final Instant LAST_DAY_OF_2026 = Instant.parse("2026-12-31T23:59:59Z");
    private static final Instant FIRST_DAY_OF_2027 = Instant.parse("2027-01-01T00:00:00Z");

    private static Provenance.Facility at(String id, String country) {
        return new Provenance.Facility(id, country, null);
    }

    private static Provenance mined(String country) {
        return Provenance.extracted("ORE-" + country, at("MINE-" + country, country));
    }

    private static Provenance through(Provenance input, Stage stage, String country) {
        return Provenance.transformed(List.of(new Provenance.Input(input, BigDecimal.ONE)), stage,
                                      at(stage + "-" + country, country), BigDecimal.ONE, stage + "-LOT");
    }

    private static List<String> codes(CheckResult result) {
        return result.reasons().stream().map(CheckResult.Reason::code).toList();
    }

    private static CheckResult dfarsAt(Provenance provenance, Instant instant) {
        return Policies.dfars(provenance, DFARS, DFARS.phaseAt(instant));
    }

    @Nested
    class TheDfarsRule {

        @Test
        void coversChinaNorthKoreaRussiaAndIran() {
            assertThat(DFARS.coveredCountries()).containsExactlyInAnyOrder("CN", "KP", "RU", "IR");
        }

        @Test
        void restrictsOnlyMeltingAndProductionUntilTheEndOf2026() {
            DfarsRule.Phase phase = DFARS.phaseAt(LAST_DAY_OF_2026);

            assertThat(phase.restricted()).containsExactlyInAnyOrder(Stage.MELTING, Stage.PRODUCTION);
            assertThat(phase.originRestricted()).isFalse();
        }

        @Test
        void restrictsMiningRefiningAndSeparationFrom2027() {
            DfarsRule.Phase phase = DFARS.phaseAt(FIRST_DAY_OF_2027);

            assertThat(phase.restricted()).contains(Stage.CONCENTRATION, Stage.SEPARATION, Stage.REFINING,
                                                    Stage.MELTING, Stage.PRODUCTION);
            assertThat(phase.originRestricted()).isTrue();
        }

        @Test
        void switchesAtMidnightUtcWhateverTheOffsetOfTheInstant() {
            Instant newYearsEveInNewYork = Instant.parse("2026-12-31T20:00:00-05:00");

            assertThat(DFARS.phaseAt(newYearsEveInNewYork).originRestricted()).isTrue();
        }

        @Test
        void appliesTheOriginalTermsBeforeTheFinalRule() {
            assertThat(DFARS.phaseAt(Instant.parse("2020-01-01T00:00:00Z"))).isEqualTo(DFARS.phases().get(0));
        }

        @Test
        void announcesTheNextChangeUntilItHappens() {
            assertThat(DFARS.nextChangeAfter(LAST_DAY_OF_2026)).isEqualTo(LocalDate.of(2027, 1, 1));
            assertThat(DFARS.nextChangeAfter(FIRST_DAY_OF_2027)).isNull();
        }
    }

    @Nested
    class TheDfarsCheck {

        @Test
        void passesMaterialMinedInACoveredCountryUntil2027AndFailsItFrom2027() {
            Provenance refinedInJapan = through(mined("CN"), Stage.REFINING, "JP");

            assertThat(dfarsAt(refinedInJapan, LAST_DAY_OF_2026).verdict()).isEqualTo(Verdict.PASS);
            CheckResult from2027 = dfarsAt(refinedInJapan, FIRST_DAY_OF_2027);
            assertThat(from2027.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(codes(from2027)).containsExactly("MINED_IN_COVERED_COUNTRY");
            assertThat(from2027.reasons().get(0).share()).isEqualByComparingTo("1");
            assertThat(from2027.evidence()).extracting(Contributor::facilityId).containsExactly("MINE-CN");
        }

        @Test
        void failsRefiningInACoveredCountryOnlyFrom2027() {
            Provenance refinedInRussia = through(mined("AU"), Stage.REFINING, "RU");

            assertThat(dfarsAt(refinedInRussia, LAST_DAY_OF_2026).verdict()).isEqualTo(Verdict.PASS);
            assertThat(codes(dfarsAt(refinedInRussia, FIRST_DAY_OF_2027)))
                    .containsExactly("REFINING_IN_COVERED_COUNTRY");
        }

        @Test
        void failsMeltingInACoveredCountryInEveryPhase() {
            Provenance meltedInIran = through(mined("AU"), Stage.MELTING, "IR");

            assertThat(codes(dfarsAt(meltedInIran, LAST_DAY_OF_2026))).containsExactly("MELTING_IN_COVERED_COUNTRY");
            assertThat(codes(dfarsAt(meltedInIran, FIRST_DAY_OF_2027))).containsExactly("MELTING_IN_COVERED_COUNTRY");
        }

        @Test
        void passesMaterialThatNeverTouchedACoveredCountry() {
            Provenance lot = through(through(mined("CD"), Stage.REFINING, "MY"), Stage.MELTING, "JP");

            assertThat(dfarsAt(lot, FIRST_DAY_OF_2027).verdict()).isEqualTo(Verdict.PASS);
            assertThat(dfarsAt(lot, FIRST_DAY_OF_2027).reasons()).isEmpty();
        }

        @Test
        void failsMaterialOfUnknownOriginAsUnverifiable() {
            Provenance undeclared = Provenance.registered("REG-1", at("TRADER-US", "US"), null);

            CheckResult result = dfarsAt(undeclared, LAST_DAY_OF_2026);

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(codes(result)).containsExactly("UNVERIFIABLE");
        }
    }

    @Nested
    class TheBlocOriginCheck {

        @Test
        void passesALotMinedAndProcessedInTheBloc() {
            CheckResult result = Policies.blocOrigin(through(mined("AU"), Stage.REFINING, "US"), ALLIES);

            assertThat(result.verdict()).isEqualTo(Verdict.PASS);
            assertThat(result.reasons()).isEmpty();
            assertThat(result.evidence()).isEmpty();
        }

        @Test
        void failsWithAReasonPerExposureAndTheFacilitiesBehindThem() {
            Provenance lot = through(mined("CD"), Stage.REFINING, "CN");

            CheckResult result = Policies.blocOrigin(lot, ALLIES);

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(codes(result)).containsExactly("NON_BLOC_ORIGIN", "NON_BLOC_PROCESSING");
            assertThat(result.evidence()).extracting(Contributor::facilityId)
                                         .containsExactly("MINE-CD", "REFINING-CN");
        }

        @Test
        void failsAFacilityControlledFromOutsideTheBloc() {
            Provenance lot = Provenance.extracted("ORE-1", new Provenance.Facility("MINE-CA", "CA", "CN"));

            assertThat(codes(Policies.blocOrigin(lot, ALLIES))).containsExactly("NON_BLOC_CONTROL");
        }
    }
}
