package org.provenance.ledger.transformation;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.common.FieldError;
import org.provenance.ledger.facility.FacilityKind;
import org.provenance.ledger.facility.RegisterFacility;
import org.provenance.ledger.lot.ExtractLot;
import org.provenance.ledger.lot.LotConsumed;
import org.provenance.ledger.lot.LotProduced;
import org.provenance.ledger.lot.TransferLot;
import org.provenance.ledger.testing.InMemoryLedger;
import org.provenance.ledger.testing.InMemoryLedger.Outcome;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.provenance.ledger.common.Refusal.ID_IN_USE;
import static org.provenance.ledger.common.Refusal.INSUFFICIENT_MASS;
import static org.provenance.ledger.common.Refusal.LOT_CONSUMED;
import static org.provenance.ledger.common.Refusal.NOT_IN_CUSTODY;
import static org.provenance.ledger.common.Refusal.OUT_OF_ORDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.provenance.ledger.facility.FacilityKind.BUYER;
import static org.provenance.ledger.facility.FacilityKind.MINE;
import static org.provenance.ledger.facility.FacilityKind.PROCESSOR;
import static org.provenance.ledger.facility.FacilityKind.TRADER;
import static org.provenance.ledger.testing.Refusals.assertConflict;
import static org.provenance.ledger.testing.Refusals.fieldErrors;
import static org.provenance.ledger.transformation.Stage.BLENDING;
import static org.provenance.ledger.transformation.Stage.CONCENTRATION;
import static org.provenance.ledger.transformation.Stage.MINING;
import static org.provenance.ledger.transformation.Stage.REFINING;
import static org.provenance.ledger.transformation.Stage.SPLITTING;

/**
 * Transformations touch many lots in one unit of work, so these tests run the real command bus,
 * repositories and an in-memory event store rather than a single-aggregate fixture.
 */
class TransformationCommandHandlerTest {

    private static final Instant EXTRACTED_AT = Instant.parse("2025-03-01T08:00:00Z");
    private static final Instant DELIVERED_AT = Instant.parse("2025-03-10T08:00:00Z");
    private static final Instant PROCESSED_AT = Instant.parse("2025-03-20T14:30:00Z");
    private static final Instant LATER = Instant.parse("2025-03-25T09:00:00Z");

    private InMemoryLedger ledger;

    @BeforeEach
    void setUp() {
        ledger = new InMemoryLedger().given(
                facility("MINE-1", MINE, "CD"),
                facility("MINE-2", MINE, "ZM"),
                facility("PROC-1", PROCESSOR, "FI"),
                facility("TRADER-1", TRADER, "CH"),
                facility("BUYER-1", BUYER, "DE"));
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    // --- the scene -------------------------------------------------------------------------------

    private static RegisterFacility facility(String id, FacilityKind kind, String country) {
        return new RegisterFacility(id, id + " site", kind, country, null);
    }

    private static BigDecimal kg(String value) {
        return new BigDecimal(value);
    }

    /** Extracts a cobalt ore lot at a mine and, when holder differs, delivers it to holder. */
    private void lotHeldBy(String lotId, String mineId, String massKg, String holder) {
        ledger.given(new ExtractLot(lotId, mineId, "cobalt", "ore", kg(massKg), EXTRACTED_AT));
        if (!holder.equals(mineId)) {
            ledger.given(new TransferLot("TR-" + lotId, lotId, mineId, holder, null, DELIVERED_AT));
        }
    }

    /** LOT-A (500 kg from MINE-1) and LOT-B (300 kg from MINE-2), both delivered to holder. */
    private void twoLotsHeldBy(String holder) {
        lotHeldBy("LOT-A", "MINE-1", "500", holder);
        lotHeldBy("LOT-B", "MINE-2", "300", holder);
    }

    private static TransformLots.Input in(String lotId, String massKg) {
        return new TransformLots.Input(lotId, kg(massKg));
    }

    private static TransformLots.Output out(String lotId, String massKg) {
        return new TransformLots.Output(lotId, "cobalt", "hydroxide", kg(massKg));
    }

    private static TransformLots transform(String id, String facilityId, Stage stage,
                                           List<TransformLots.Input> inputs, List<TransformLots.Output> outputs) {
        return new TransformLots(id, facilityId, stage, inputs, outputs, PROCESSED_AT);
    }

    private static TransformLots processAtProc1(String id, List<TransformLots.Input> inputs,
                                                List<TransformLots.Output> outputs) {
        return transform(id, "PROC-1", REFINING, inputs, outputs);
    }

    private Throwable refusalOf(Object command) {
        int before = ledger.storedEvents().size();
        Throwable refusal = ledger.when(command).expectRefusal();
        assertThat(ledger.storedEvents()).as("event store after a refused command").hasSize(before);
        return refusal;
    }

    private List<FieldError> fieldErrorsOf(Object command) {
        return fieldErrors(refusalOf(command));
    }

    // --- the cases -------------------------------------------------------------------------------

    @Nested
    class RecordingATransformation {

        @Test
        void aBlendConsumesTheExactMassesAndProducesEveryOutput() {
            twoLotsHeldBy("PROC-1");

            Outcome outcome = ledger.when(transform("T-1", "PROC-1", BLENDING,
                    List.of(in("LOT-A", "200.5"), in("LOT-B", "300")),
                    List.of(out("LOT-C", "250.25"), out("LOT-D", "250"))));

            outcome.expectEvents(
                    new LotConsumed("LOT-A", "T-1", "PROC-1", kg("200.500000"), kg("299.500000"), PROCESSED_AT),
                    new LotConsumed("LOT-B", "T-1", "PROC-1", kg("300.000000"), kg("0.000000"), PROCESSED_AT),
                    new TransformationRecorded("T-1", "PROC-1", BLENDING,
                            List.of(new TransformationRecorded.Input("LOT-A", kg("200.500000")),
                                    new TransformationRecorded.Input("LOT-B", kg("300.000000"))),
                            List.of(new TransformationRecorded.Output("LOT-C", "cobalt", "hydroxide", kg("250.250000")),
                                    new TransformationRecorded.Output("LOT-D", "cobalt", "hydroxide", kg("250.000000"))),
                            kg("500.500000"), kg("500.250000"), PROCESSED_AT),
                    new LotProduced("LOT-C", "T-1", "PROC-1", "cobalt", "hydroxide", kg("250.250000"), PROCESSED_AT),
                    new LotProduced("LOT-D", "T-1", "PROC-1", "cobalt", "hydroxide", kg("250.000000"), PROCESSED_AT));
            assertThat(outcome.streams()).containsExactly(
                    "lot/LOT-A", "lot/LOT-B", "transformation/T-1", "lot/LOT-C", "lot/LOT-D");
            assertThat(((TransformationRecorded) outcome.events().get(2)).violatesMassBalance()).isFalse();
        }

        @Test
        void producedLotsAreHeldByTheFacilityAndCanBeTransformedFurther() {
            twoLotsHeldBy("PROC-1");
            ledger.given(processAtProc1("T-1", List.of(in("LOT-A", "100")), List.of(out("LOT-C", "90"))));

            ledger.when(transform("T-2", "PROC-1", SPLITTING, List.of(in("LOT-C", "90")),
                                  List.of(out("LOT-C1", "45"), out("LOT-C2", "45"))))
                  .expectEvents(
                          new LotConsumed("LOT-C", "T-2", "PROC-1", kg("90.000000"), kg("0.000000"), PROCESSED_AT),
                          new TransformationRecorded("T-2", "PROC-1", SPLITTING,
                                  List.of(new TransformationRecorded.Input("LOT-C", kg("90.000000"))),
                                  List.of(new TransformationRecorded.Output("LOT-C1", "cobalt", "hydroxide", kg("45.000000")),
                                          new TransformationRecorded.Output("LOT-C2", "cobalt", "hydroxide", kg("45.000000"))),
                                  kg("90.000000"), kg("90.000000"), PROCESSED_AT),
                          new LotProduced("LOT-C1", "T-2", "PROC-1", "cobalt", "hydroxide", kg("45.000000"), PROCESSED_AT),
                          new LotProduced("LOT-C2", "T-2", "PROC-1", "cobalt", "hydroxide", kg("45.000000"), PROCESSED_AT));
        }

        @Test
        void consumingExactlyWhatRemainsLeavesZeroAndTheLotRefusesMore() {
            twoLotsHeldBy("PROC-1");

            ledger.when(processAtProc1("T-1", List.of(in("LOT-A", "500.000000")), List.of(out("LOT-C", "480"))))
                  .expectEvents(
                          new LotConsumed("LOT-A", "T-1", "PROC-1", kg("500.000000"), kg("0.000000"), PROCESSED_AT),
                          new TransformationRecorded("T-1", "PROC-1", REFINING,
                                  List.of(new TransformationRecorded.Input("LOT-A", kg("500.000000"))),
                                  List.of(new TransformationRecorded.Output("LOT-C", "cobalt", "hydroxide", kg("480.000000"))),
                                  kg("500.000000"), kg("480.000000"), PROCESSED_AT),
                          new LotProduced("LOT-C", "T-1", "PROC-1", "cobalt", "hydroxide", kg("480.000000"), PROCESSED_AT));

            Throwable refusal = refusalOf(
                    processAtProc1("T-2", List.of(in("LOT-A", "0.000001")), List.of(out("LOT-E", "0.000001"))));
            assertConflict(refusal, LOT_CONSUMED, "inputs[0].lotId");
        }

        @Test
        void anOutputLotMayShareItsIdWithTheTransformationAndAFacility() {
            // lots, transformations and facilities live in separately prefixed streams
            twoLotsHeldBy("PROC-1");

            Outcome outcome = ledger.when(processAtProc1("PROC-1", List.of(in("LOT-A", "10")),
                                                         List.of(out("PROC-1", "10"))));

            assertThat(outcome.refusal()).isNull();
            assertThat(outcome.streams()).containsExactly("lot/LOT-A", "transformation/PROC-1", "lot/PROC-1");
        }

        @Test
        void producingMoreThanWasConsumedIsRecordedAsAMassBalanceViolation() {
            twoLotsHeldBy("PROC-1");

            Outcome outcome = ledger.when(processAtProc1("T-1", List.of(in("LOT-B", "100")),
                                                         List.of(out("LOT-C", "100.000001"))));

            assertThat(outcome.refusal()).isNull();
            TransformationRecorded recorded = (TransformationRecorded) outcome.events().get(1);
            assertThat(recorded.consumedKg()).isEqualTo(kg("100.000000"));
            assertThat(recorded.producedKg()).isEqualTo(kg("100.000001"));
            assertThat(recorded.violatesMassBalance()).isTrue();
            assertThat(outcome.events().get(2))
                    .isEqualTo(new LotProduced("LOT-C", "T-1", "PROC-1", "cobalt", "hydroxide", kg("100.000001"),
                                               PROCESSED_AT));
        }
    }

    @Nested
    class RefusingAConflictWithTheLedger {

        @Test
        void consumingMoreThanRemainsAppendsNothing() {
            twoLotsHeldBy("PROC-1");

            Throwable refusal = refusalOf(
                    processAtProc1("T-1", List.of(in("LOT-A", "500.000001")), List.of(out("LOT-C", "400"))));

            assertThat(assertConflict(refusal, INSUFFICIENT_MASS, "inputs[0].massKg"))
                    .hasMessage("lot LOT-A has 500.000000 kg left, 500.000001 kg were asked for");
        }

        @Test
        void whenTheSecondInputFailsTheFirstInputsConsumptionIsNotStoredEither() {
            twoLotsHeldBy("PROC-1");

            Throwable refusal = refusalOf(processAtProc1("T-1",
                    List.of(in("LOT-A", "100"), in("LOT-B", "300.000001")), List.of(out("LOT-C", "400"))));

            assertConflict(refusal, INSUFFICIENT_MASS, "inputs[1].massKg");
            assertThat(ledger.storedEvents()).noneMatch(event -> event.getPayload() instanceof LotConsumed);
            // LOT-A still has all of its 500 kg
            ledger.when(processAtProc1("T-2", List.of(in("LOT-A", "500")), List.of(out("LOT-C", "500"))))
                  .expectEvents(
                          new LotConsumed("LOT-A", "T-2", "PROC-1", kg("500.000000"), kg("0.000000"), PROCESSED_AT),
                          new TransformationRecorded("T-2", "PROC-1", REFINING,
                                  List.of(new TransformationRecorded.Input("LOT-A", kg("500.000000"))),
                                  List.of(new TransformationRecorded.Output("LOT-C", "cobalt", "hydroxide", kg("500.000000"))),
                                  kg("500.000000"), kg("500.000000"), PROCESSED_AT),
                          new LotProduced("LOT-C", "T-2", "PROC-1", "cobalt", "hydroxide", kg("500.000000"), PROCESSED_AT));
        }

        @Test
        void aFailingInputListedFirstIsReportedByItsPositionInTheCommand() {
            // inputs are consumed in lot id order, so LOT-A is consumed before LOT-B fails
            twoLotsHeldBy("PROC-1");

            Throwable refusal = refusalOf(processAtProc1("T-1",
                    List.of(in("LOT-B", "300.000001"), in("LOT-A", "100")), List.of(out("LOT-C", "400"))));

            assertConflict(refusal, INSUFFICIENT_MASS, "inputs[0].massKg");
        }

        @Test
        void anInputLotNotInTheFacilitysCustody() {
            twoLotsHeldBy("PROC-1");
            lotHeldBy("LOT-M", "MINE-1", "50", "MINE-1");

            Throwable refusal = refusalOf(processAtProc1("T-1",
                    List.of(in("LOT-A", "10"), in("LOT-M", "10")), List.of(out("LOT-C", "20"))));

            assertConflict(refusal, NOT_IN_CUSTODY, "inputs[1].lotId");
        }

        @Test
        void anInputLotTransformedBeforeItsLastEvent() {
            twoLotsHeldBy("PROC-1");

            Throwable refusal = refusalOf(new TransformLots("T-1", "PROC-1", REFINING, List.of(in("LOT-A", "10")),
                                                            List.of(out("LOT-C", "10")),
                                                            DELIVERED_AT.minusMillis(1)));

            assertConflict(refusal, OUT_OF_ORDER, "occurredAt");
        }

        @Test
        void anOutputIdAlreadyUsedByAnotherLot() {
            twoLotsHeldBy("PROC-1");

            Throwable refusal = refusalOf(processAtProc1("T-1", List.of(in("LOT-A", "10")),
                                                         List.of(out("LOT-C", "5"), out("LOT-B", "5"))));

            assertConflict(refusal, ID_IN_USE, "outputs[1].lotId");
        }

        @Test
        void aTransformationIdAlreadyUsed() {
            twoLotsHeldBy("PROC-1");
            ledger.given(processAtProc1("T-1", List.of(in("LOT-A", "10")), List.of(out("LOT-C", "10"))));

            Throwable refusal = refusalOf(processAtProc1("T-1", List.of(in("LOT-B", "10")), List.of(out("LOT-D", "10"))));

            assertConflict(refusal, ID_IN_USE, "id");
        }
    }

    @Nested
    class RefusingAnInvalidTransformation {

        @Test
        void anInputLotListedTwice() {
            twoLotsHeldBy("PROC-1");

            assertThat(fieldErrorsOf(processAtProc1("T-1", List.of(in("LOT-A", "1"), in("LOT-A", "2")),
                                                    List.of(out("LOT-C", "3")))))
                    .containsExactly(new FieldError("inputs[1].lotId", "lot LOT-A is listed twice"));
        }

        @Test
        void anOutputLotListedTwice() {
            twoLotsHeldBy("PROC-1");

            assertThat(fieldErrorsOf(processAtProc1("T-1", List.of(in("LOT-A", "10")),
                                                    List.of(out("LOT-C", "5"), out("LOT-C", "5")))))
                    .containsExactly(new FieldError("outputs[1].lotId", "lot LOT-C is listed twice"));
        }

        @Test
        void anOutputWithTheIdOfAnInput() {
            twoLotsHeldBy("PROC-1");

            assertThat(fieldErrorsOf(processAtProc1("T-1", List.of(in("LOT-A", "10")), List.of(out("LOT-A", "10")))))
                    .containsExactly(new FieldError("outputs[0].lotId", "lot LOT-A is also an input"));
        }

        @Test
        void noInputs() {
            assertThat(fieldErrorsOf(processAtProc1("T-1", List.of(), List.of(out("LOT-C", "10")))))
                    .containsExactly(new FieldError("inputs", "must list at least one input lot"));
        }

        @Test
        void noOutputs() {
            twoLotsHeldBy("PROC-1");

            assertThat(fieldErrorsOf(processAtProc1("T-1", List.of(in("LOT-A", "10")), List.of())))
                    .containsExactly(new FieldError("outputs", "must list at least one output lot"));
        }

        @Test
        void missingInputAndOutputLists() {
            assertThat(fieldErrorsOf(processAtProc1("T-1", null, null)))
                    .containsExactly(new FieldError("inputs", "must list at least one input lot"),
                                     new FieldError("outputs", "must list at least one output lot"));
        }

        @Test
        void missingEntriesInTheLists() {
            assertThat(fieldErrorsOf(processAtProc1("T-1", Arrays.asList(in("LOT-A", "1"), null),
                                                    Arrays.asList((TransformLots.Output) null))))
                    .containsExactly(new FieldError("inputs[1]", "is required"),
                                     new FieldError("outputs[0]", "is required"));
        }

        @Test
        void moreThanAThousandInputs() {
            List<TransformLots.Input> inputs = IntStream.rangeClosed(1, TransformLots.MAX_LOTS + 1)
                    .mapToObj(i -> in("LOT-" + i, "1")).toList();

            assertThat(fieldErrorsOf(processAtProc1("T-1", inputs, List.of(out("LOT-C", "1")))))
                    .containsExactly(new FieldError("inputs", "must list at most 1000 lots"));
        }

        @Test
        void aMissingStage() {
            twoLotsHeldBy("PROC-1");

            assertThat(fieldErrorsOf(transform("T-1", "PROC-1", null, List.of(in("LOT-A", "10")),
                                               List.of(out("LOT-C", "10")))))
                    .containsExactly(new FieldError("stage", "is required"));
        }

        @Test
        void theMiningStage() {
            twoLotsHeldBy("PROC-1");

            assertThat(fieldErrorsOf(transform("T-1", "PROC-1", MINING, List.of(in("LOT-A", "10")),
                                               List.of(out("LOT-C", "10")))))
                    .containsExactly(new FieldError("stage", "MINING is recorded as an extraction, not a transformation"));
        }

        @Test
        void malformedMassesOfInputsAndOutputs() {
            twoLotsHeldBy("PROC-1");

            assertThat(fieldErrorsOf(processAtProc1("T-1", List.of(in("LOT-A", "0"), in("LOT-B", "1.0000001")),
                                                    List.of(out("LOT-C", "-1")))))
                    .containsExactly(new FieldError("inputs[0].massKg", "must be greater than 0"),
                                     new FieldError("inputs[1].massKg", "must have at most 6 decimal places"),
                                     new FieldError("outputs[0].massKg", "must be greater than 0"));
        }

        @Test
        void anUnknownInputLot() {
            twoLotsHeldBy("PROC-1");

            assertThat(fieldErrorsOf(processAtProc1("T-1", List.of(in("LOT-A", "1"), in("LOT-X", "1")),
                                                    List.of(out("LOT-C", "2")))))
                    .containsExactly(new FieldError("inputs[1].lotId", "no lot LOT-X is recorded"));
        }

        @Test
        void anUnknownFacility() {
            twoLotsHeldBy("PROC-1");

            assertThat(fieldErrorsOf(transform("T-1", "PROC-9", REFINING, List.of(in("LOT-A", "1")),
                                               List.of(out("LOT-C", "1")))))
                    .containsExactly(new FieldError("facilityId", "no facility PROC-9 is registered"));
        }
    }

    @Nested
    class WhoMayTransform {

        @Test
        void aTraderMayBlend() {
            twoLotsHeldBy("TRADER-1");

            Outcome outcome = ledger.when(transform("T-1", "TRADER-1", BLENDING,
                    List.of(in("LOT-A", "500"), in("LOT-B", "300")), List.of(out("LOT-C", "800"))));

            assertThat(outcome.refusal()).isNull();
            assertThat(outcome.events()).last()
                    .isEqualTo(new LotProduced("LOT-C", "T-1", "TRADER-1", "cobalt", "hydroxide", kg("800.000000"),
                                               PROCESSED_AT));
        }

        @Test
        void aTraderMaySplit() {
            twoLotsHeldBy("TRADER-1");

            Outcome outcome = ledger.when(transform("T-1", "TRADER-1", SPLITTING,
                    List.of(in("LOT-A", "500")), List.of(out("LOT-A1", "250"), out("LOT-A2", "250"))));

            assertThat(outcome.refusal()).isNull();
            assertThat(outcome.streams()).containsExactly(
                    "lot/LOT-A", "transformation/T-1", "lot/LOT-A1", "lot/LOT-A2");
        }

        @Test
        void aTraderMayNotRefine() {
            twoLotsHeldBy("TRADER-1");

            assertThat(fieldErrorsOf(transform("T-1", "TRADER-1", REFINING, List.of(in("LOT-A", "500")),
                                               List.of(out("LOT-C", "400")))))
                    .containsExactly(new FieldError("facilityId", "a TRADER cannot record a REFINING transformation; "
                            + "processors can, and traders only BLENDING and SPLITTING"));
        }

        @Test
        void aBuyerMayNotTransform() {
            twoLotsHeldBy("BUYER-1");

            assertThat(fieldErrorsOf(transform("T-1", "BUYER-1", BLENDING,
                                               List.of(in("LOT-A", "500"), in("LOT-B", "300")),
                                               List.of(out("LOT-C", "800")))))
                    .containsExactly(new FieldError("facilityId", "a BUYER cannot record a BLENDING transformation; "
                            + "processors can, and traders only BLENDING and SPLITTING"));
        }

        @Test
        void aMineMayNotTransform() {
            lotHeldBy("LOT-M", "MINE-1", "50", "MINE-1");

            assertThat(fieldErrorsOf(transform("T-1", "MINE-1", CONCENTRATION, List.of(in("LOT-M", "50")),
                                               List.of(out("LOT-C", "20")))))
                    .containsExactly(new FieldError("facilityId", "a MINE cannot record a CONCENTRATION transformation; "
                            + "processors can, and traders only BLENDING and SPLITTING"));
        }
    }
}
