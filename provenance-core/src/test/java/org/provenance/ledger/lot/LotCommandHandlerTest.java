package org.provenance.ledger.lot;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.common.CommandValidationInterceptor;
import org.provenance.ledger.common.FieldError;
import org.provenance.ledger.facility.FacilityDirectory;
import org.provenance.ledger.facility.FacilityKind;
import org.provenance.ledger.facility.FacilityProfile;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.provenance.ledger.common.Refusal.ID_IN_USE;
import static org.provenance.ledger.common.Refusal.LOT_CONSUMED;
import static org.provenance.ledger.common.Refusal.NOT_IN_CUSTODY;
import static org.provenance.ledger.common.Refusal.OUT_OF_ORDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.provenance.ledger.facility.FacilityKind.BUYER;
import static org.provenance.ledger.facility.FacilityKind.MINE;
import static org.provenance.ledger.facility.FacilityKind.PROCESSOR;
import static org.provenance.ledger.facility.FacilityKind.TRADER;
import static org.provenance.ledger.testing.Refusals.assertConflict;
import static org.provenance.ledger.testing.Refusals.fieldErrorsOf;
import static org.provenance.ledger.testing.Refusals.refusalOf;

class LotCommandHandlerTest {

    private static final Instant EXTRACTED_AT = Instant.parse("2025-03-01T08:00:00Z");
    private static final Instant LATER = Instant.parse("2025-03-05T12:00:00Z");

    /** The facilities the write side knows, keyed by id. */
    private final Map<String, FacilityProfile> registered = new HashMap<>();
    private final FacilityDirectory facilities = id -> Optional.ofNullable(registered.get(id));

    private AggregateTestFixture<Lot> fixture;

    @BeforeEach
    void setUp() {
        facility("MINE-1", MINE, "CD");
        facility("PROC-1", PROCESSOR, "CN");
        facility("TRADER-1", TRADER, "AE");
        facility("BUYER-1", BUYER, "DE");

        fixture = new AggregateTestFixture<>(Lot.class);
        fixture.registerAnnotatedCommandHandler(new LotCommandHandler(fixture.getRepository(), facilities));
        fixture.registerCommandDispatchInterceptor(new CommandValidationInterceptor());
    }

    private void facility(String id, FacilityKind kind, String country) {
        registered.put(id, new FacilityProfile(id, kind, country, null));
    }

    private static BigDecimal kg(String value) {
        return new BigDecimal(value);
    }

    private static ExtractLot extract(String lotId, String mineId, String mineral, String massKg) {
        return new ExtractLot(lotId, mineId, mineral, "ore", massKg == null ? null : kg(massKg), EXTRACTED_AT);
    }

    /** LOT-1: a tonne of cobalt ore extracted at MINE-1. */
    private static LotExtracted lot1Extracted() {
        return new LotExtracted("LOT-1", "MINE-1", "cobalt", "ore", kg("1000.000000"), EXTRACTED_AT);
    }

    @Nested
    class ExtractingALot {

        @Test
        void atAMineRecordsTheLotWithItsMassAtSixDecimals() {
            fixture.givenNoPriorActivity()
                   .when(extract("LOT-1", "MINE-1", "cobalt", "1000.5"))
                   .expectSuccessfulHandlerExecution()
                   .expectResultMessagePayload("LOT-1")
                   .expectEvents(new LotExtracted("LOT-1", "MINE-1", "cobalt", "ore", kg("1000.500000"), EXTRACTED_AT));
        }

        @Test
        void normalizesAMassWrittenWithAnExponent() {
            fixture.givenNoPriorActivity()
                   .when(extract("LOT-1", "MINE-1", "cobalt", "2E+3"))
                   .expectEvents(new LotExtracted("LOT-1", "MINE-1", "cobalt", "ore", kg("2000.000000"), EXTRACTED_AT));
        }

        @Test
        void acceptsAMassOfExactlySixDecimals() {
            fixture.givenNoPriorActivity()
                   .when(extract("LOT-1", "MINE-1", "cobalt", "0.000001"))
                   .expectEvents(new LotExtracted("LOT-1", "MINE-1", "cobalt", "ore", kg("0.000001"), EXTRACTED_AT));
        }

        @Test
        void refusesAFacilityThatIsNotAMine() {
            assertThat(fieldErrorsOf(() -> fixture.givenNoPriorActivity()
                    .when(extract("LOT-1", "PROC-1", "cobalt", "10"))))
                    .containsExactly(new FieldError("mineId", "facility PROC-1 is a PROCESSOR, not a MINE"));
        }

        @Test
        void refusesAnUnknownMine() {
            assertThat(fieldErrorsOf(() -> fixture.givenNoPriorActivity()
                    .when(extract("LOT-1", "MINE-9", "cobalt", "10"))))
                    .containsExactly(new FieldError("mineId", "no facility MINE-9 is registered"));
        }

        @Test
        void refusesAZeroMass() {
            assertThat(fieldErrorsOf(() -> fixture.givenNoPriorActivity()
                    .when(extract("LOT-1", "MINE-1", "cobalt", "0"))))
                    .containsExactly(new FieldError("massKg", "must be greater than 0"));
        }

        @Test
        void refusesANegativeMass() {
            assertThat(fieldErrorsOf(() -> fixture.givenNoPriorActivity()
                    .when(extract("LOT-1", "MINE-1", "cobalt", "-5.5"))))
                    .containsExactly(new FieldError("massKg", "must be greater than 0"));
        }

        @Test
        void refusesAMassFinerThanAMilligram() {
            assertThat(fieldErrorsOf(() -> fixture.givenNoPriorActivity()
                    .when(extract("LOT-1", "MINE-1", "cobalt", "0.0000001"))))
                    .containsExactly(new FieldError("massKg", "must have at most 6 decimal places"));
        }

        @Test
        void refusesAMassAboveABillionTonnes() {
            assertThat(fieldErrorsOf(() -> fixture.givenNoPriorActivity()
                    .when(extract("LOT-1", "MINE-1", "cobalt", "1000000000000.000001"))))
                    .containsExactly(new FieldError("massKg", "must be at most 1000000000000"));
        }

        @Test
        void refusesAMissingMineral() {
            assertThat(fieldErrorsOf(() -> fixture.givenNoPriorActivity()
                    .when(extract("LOT-1", "MINE-1", null, "10"))))
                    .containsExactly(new FieldError("mineral", "is required"));
        }

        @Test
        void refusesAMissingMassAndOccurrenceTogether() {
            assertThat(fieldErrorsOf(() -> fixture.givenNoPriorActivity()
                    .when(new ExtractLot("LOT-1", "MINE-1", "cobalt", "ore", null, null))))
                    .containsExactly(new FieldError("massKg", "is required"),
                                     new FieldError("occurredAt", "is required"));
        }

        @Test
        void refusesALotIdAlreadyInUse() {
            LotExtracted existing = lot1Extracted();
            assertConflict(refusalOf(() -> fixture.given(existing)
                                                   .when(extract("LOT-1", "MINE-1", "cobalt", "10"))),
                           ID_IN_USE, "lotId");
        }
    }

    @Nested
    class RegisteringALot {

        @Test
        void withADeclaredOrigin() {
            fixture.givenNoPriorActivity()
                   .when(new RegisterLot("LOT-2", "TRADER-1", "cobalt", "hydroxide", kg("250.25"), "CD", LATER))
                   .expectSuccessfulHandlerExecution()
                   .expectResultMessagePayload("LOT-2")
                   .expectEvents(new LotRegistered("LOT-2", "TRADER-1", "cobalt", "hydroxide", kg("250.250000"),
                                                   "CD", LATER));
        }

        @Test
        void withoutADeclaredOrigin() {
            fixture.givenNoPriorActivity()
                   .when(new RegisterLot("LOT-2", "PROC-1", "lithium", "spodumene concentrate", kg("80"), null, LATER))
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(new LotRegistered("LOT-2", "PROC-1", "lithium", "spodumene concentrate",
                                                   kg("80.000000"), null, LATER));
        }

        @Test
        void refusesADeclaredOriginThatIsNotACountryCode() {
            assertThat(fieldErrorsOf(() -> fixture.givenNoPriorActivity()
                    .when(new RegisterLot("LOT-2", "TRADER-1", "cobalt", "hydroxide", kg("1"), "Congo", LATER))))
                    .containsExactly(new FieldError("declaredOrigin",
                                                    "must be an ISO 3166-1 alpha-2 country code, e.g. AU"));
        }

        @Test
        void refusesAnUnknownCustodian() {
            assertThat(fieldErrorsOf(() -> fixture.givenNoPriorActivity()
                    .when(new RegisterLot("LOT-2", "TRADER-9", "cobalt", "hydroxide", kg("1"), null, LATER))))
                    .containsExactly(new FieldError("custodianId", "no facility TRADER-9 is registered"));
        }

        @Test
        void refusesALotIdAlreadyInUse() {
            LotExtracted existing = lot1Extracted();
            assertConflict(refusalOf(() -> fixture.given(existing)
                                                   .when(new RegisterLot("LOT-1", "TRADER-1", "cobalt", "hydroxide",
                                                                         kg("1"), null, LATER))),
                           ID_IN_USE, "lotId");
        }
    }

    @Nested
    class VoidingATransfer {

        private final LotTransferred sold = new LotTransferred("TR-1", "LOT-1", "MINE-1", "BUYER-1", kg("1000.000000"),
                                                               null, LATER);

        @Test
        void givesCustodyBackToTheSellerAtTheTransfersBusinessTime() {
            fixture.given(lot1Extracted(), sold)
                   .when(new VoidTransfer("TR-1", "LOT-1", "never shipped"))
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(new TransferVoided("TR-1", "LOT-1", "MINE-1", "BUYER-1", "never shipped", LATER));
            fixture.given(lot1Extracted(), sold,
                          new TransferVoided("TR-1", "LOT-1", "MINE-1", "BUYER-1", "never shipped", LATER))
                   .when(new TransferLot("TR-2", "LOT-1", "MINE-1", "TRADER-1", null, LATER))
                   .expectSuccessfulHandlerExecution();
        }

        @Test
        void isRefusedOnceTheBuyerMovedOrUsedTheLot() {
            assertConflict(refusalOf(() -> fixture.given(lot1Extracted(), sold,
                                               new LotTransferred("TR-2", "LOT-1", "BUYER-1", "TRADER-1",
                                                                  kg("1000.000000"), null, LATER))
                                        .when(new VoidTransfer("TR-1", "LOT-1", "mistake"))),
                           org.provenance.ledger.common.Refusal.MOVED_SINCE, null);
            assertConflict(refusalOf(() -> fixture.given(lot1Extracted(), sold,
                                               new LotConsumed("LOT-1", "T-1", "BUYER-1", kg("1.000000"),
                                                               kg("999.000000"), LATER))
                                        .when(new VoidTransfer("TR-1", "LOT-1", "mistake"))),
                           org.provenance.ledger.common.Refusal.MOVED_SINCE, null);
            assertConflict(refusalOf(() -> fixture.given(lot1Extracted(), sold,
                                               new TransferVoided("TR-1", "LOT-1", "MINE-1", "BUYER-1", "x", LATER))
                                        .when(new VoidTransfer("TR-1", "LOT-1", "again"))),
                           org.provenance.ledger.common.Refusal.MOVED_SINCE, null);
        }
    }

    @Nested
    class TransferringALot {

        private TransferLot transfer(String from, String to, UnitPrice price, Instant at) {
            return new TransferLot("TR-1", "LOT-1", from, to, price, at);
        }

        @Test
        void fromTheCustodianPassesTheWholeRemainingMassAtThePrice() {
            fixture.given(lot1Extracted())
                   .when(transfer("MINE-1", "TRADER-1", new UnitPrice(kg("32.50"), "USD"), LATER))
                   .expectSuccessfulHandlerExecution()
                   .expectResultMessagePayload("TR-1")
                   .expectEvents(new LotTransferred("TR-1", "LOT-1", "MINE-1", "TRADER-1", kg("1000.000000"),
                                                    new UnitPrice(kg("32.5"), "USD"), LATER));
        }

        @Test
        void ofAPartlyConsumedLotPassesOnlyWhatRemains() {
            fixture.given(lot1Extracted(),
                          new LotConsumed("LOT-1", "T-1", "MINE-1", kg("400.000000"), kg("600.000000"), EXTRACTED_AT))
                   .when(transfer("MINE-1", "TRADER-1", null, LATER))
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(new LotTransferred("TR-1", "LOT-1", "MINE-1", "TRADER-1", kg("600.000000"), null,
                                                    LATER));
        }

        @Test
        void movesCustodySoTheNewCustodianCanPassItOn() {
            fixture.given(lot1Extracted(),
                          new LotTransferred("TR-0", "LOT-1", "MINE-1", "TRADER-1", kg("1000.000000"), null, LATER))
                   .when(new TransferLot("TR-1", "LOT-1", "TRADER-1", "BUYER-1", null, LATER))
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(new LotTransferred("TR-1", "LOT-1", "TRADER-1", "BUYER-1", kg("1000.000000"), null,
                                                    LATER));
        }

        @Test
        void atTheSameInstantAsTheLotsLastEventIsInOrder() {
            fixture.given(lot1Extracted())
                   .when(transfer("MINE-1", "TRADER-1", null, EXTRACTED_AT))
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(new LotTransferred("TR-1", "LOT-1", "MINE-1", "TRADER-1", kg("1000.000000"), null,
                                                    EXTRACTED_AT));
        }

        @Test
        void refusesAFacilityThatDoesNotHoldTheLot() {
            assertConflict(refusalOf(() -> fixture.given(lot1Extracted())
                                                   .when(transfer("TRADER-1", "BUYER-1", null, LATER))),
                           NOT_IN_CUSTODY, "fromFacilityId");
        }

        @Test
        void refusesThePreviousCustodianAfterATransfer() {
            assertConflict(refusalOf(() -> fixture.given(lot1Extracted(),
                                                          new LotTransferred("TR-0", "LOT-1", "MINE-1", "TRADER-1",
                                                                             kg("1000.000000"), null, LATER))
                                                   .when(transfer("MINE-1", "PROC-1", null, LATER))),
                           NOT_IN_CUSTODY, "fromFacilityId");
        }

        @Test
        void refusesAnUnknownReceivingFacility() {
            assertThat(fieldErrorsOf(() -> fixture.given(lot1Extracted())
                    .when(transfer("MINE-1", "BUYER-9", null, LATER))))
                    .containsExactly(new FieldError("toFacilityId", "no facility BUYER-9 is registered"));
        }

        @Test
        void refusesATransferToTheSameFacility() {
            assertThat(fieldErrorsOf(() -> fixture.given(lot1Extracted())
                    .when(transfer("MINE-1", "MINE-1", null, LATER))))
                    .containsExactly(new FieldError("toFacilityId", "must differ from fromFacilityId"));
        }

        @Test
        void refusesALowercaseCurrency() {
            assertThat(fieldErrorsOf(() -> fixture.given(lot1Extracted())
                    .when(transfer("MINE-1", "TRADER-1", new UnitPrice(kg("10"), "usd"), LATER))))
                    .containsExactly(new FieldError("unitPrice.currency", "must be an ISO 4217 currency code, e.g. USD"));
        }

        @Test
        void refusesAnUnknownCurrency() {
            assertThat(fieldErrorsOf(() -> fixture.given(lot1Extracted())
                    .when(transfer("MINE-1", "TRADER-1", new UnitPrice(kg("10"), "XYZ"), LATER))))
                    .containsExactly(new FieldError("unitPrice.currency", "must be an ISO 4217 currency code, e.g. USD"));
        }

        @Test
        void refusesAZeroPrice() {
            assertThat(fieldErrorsOf(() -> fixture.given(lot1Extracted())
                    .when(transfer("MINE-1", "TRADER-1", new UnitPrice(kg("0.00"), "USD"), LATER))))
                    .containsExactly(new FieldError("unitPrice.amount", "must be greater than 0"));
        }

        @Test
        void refusesATransferDatedBeforeTheLotsLastEvent() {
            Instant beforeExtraction = EXTRACTED_AT.minusSeconds(1);
            assertConflict(refusalOf(() -> fixture.given(lot1Extracted())
                                                   .when(transfer("MINE-1", "TRADER-1", null, beforeExtraction))),
                           OUT_OF_ORDER, "occurredAt");
        }

        @Test
        void refusesAFullyConsumedLot() {
            assertConflict(refusalOf(() -> fixture.given(lot1Extracted(),
                                                          new LotConsumed("LOT-1", "T-1", "MINE-1", kg("1000.000000"),
                                                                          kg("0.000000"), LATER))
                                                   .when(transfer("MINE-1", "TRADER-1", null, LATER))),
                           LOT_CONSUMED, "fromFacilityId");
        }

        @Test
        void refusesAnUnknownLot() {
            assertThat(fieldErrorsOf(() -> fixture.givenNoPriorActivity()
                    .when(new TransferLot("TR-1", "LOT-9", "MINE-1", "TRADER-1", null, LATER))))
                    .containsExactly(new FieldError("lotId", "no lot LOT-9 is recorded"));
        }
    }
}
