package org.provenance.ledger.facility;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.common.CommandValidationInterceptor;
import org.provenance.ledger.common.FieldError;
import org.provenance.ledger.common.LedgerConflictException;

import static org.provenance.ledger.common.Refusal.ID_IN_USE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.provenance.ledger.facility.FacilityKind.MINE;
import static org.provenance.ledger.facility.FacilityKind.PROCESSOR;
import static org.provenance.ledger.testing.Refusals.assertConflict;
import static org.provenance.ledger.testing.Refusals.fieldErrorsOf;
import static org.provenance.ledger.testing.Refusals.refusalOf;

class FacilityCommandHandlerTest {

    private static final String COUNTRY_RULE = "must be an ISO 3166-1 alpha-2 country code, e.g. AU";

    private AggregateTestFixture<Facility> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Facility.class);
        fixture.registerAnnotatedCommandHandler(new FacilityCommandHandler(fixture.getRepository()));
        fixture.registerCommandDispatchInterceptor(new CommandValidationInterceptor());
    }

    @Nested
    class RegisteringAFacility {

        @Test
        void recordsTheFacilityWithItsNameStripped() {
            fixture.givenNoPriorActivity()
                   .when(new RegisterFacility("MINE-1", "  Kamoto Mine \t", MINE, "CD", "CN"))
                   .expectSuccessfulHandlerExecution()
                   .expectResultMessagePayload("MINE-1")
                   .expectEvents(new FacilityRegistered("MINE-1", "Kamoto Mine", MINE, "CD", "CN"));
        }

        @Test
        void recordsAnUnknownOwnerCountryAsNull() {
            fixture.givenNoPriorActivity()
                   .when(new RegisterFacility("PROC-1", "Kokkola Refinery", PROCESSOR, "FI", null))
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(new FacilityRegistered("PROC-1", "Kokkola Refinery", PROCESSOR, "FI", null));
        }

        @Test
        void storesTheFacilityInItsPrefixedStream() {
            fixture.givenNoPriorActivity()
                   .when(new RegisterFacility("MINE-1", "Kamoto Mine", MINE, "CD", null))
                   .expectState(facility -> assertThat(facility.profile())
                           .isEqualTo(new FacilityProfile("MINE-1", MINE, "CD", null)));
            assertThat(fixture.getEventStore().readEvents("facility/MINE-1").asStream()
                              .map(event -> (Object) event.getPayload()))
                    .containsExactly(new FacilityRegistered("MINE-1", "Kamoto Mine", MINE, "CD", null));
        }
    }

    @Nested
    class CorrectingAFacility {

        private final java.time.Instant from = java.time.Instant.parse("2026-01-01T00:00:00Z");

        @Test
        void recordsTheCorrectionOnTheFacilitysStream() {
            fixture.given(new FacilityRegistered("MINE-1", "Kamoto Mine", MINE, "CA", null))
                   .when(new CorrectFacility("C-1", "MINE-1", from, null, "CN", " Chinese parent "))
                   .expectSuccessfulHandlerExecution()
                   .expectResultMessagePayload("C-1")
                   .expectEvents(new FacilityCorrected("C-1", "MINE-1", from, null, "CN", "Chinese parent"));
        }

        @Test
        void ofAnUnknownFacilityIsNotFound() {
            Throwable refused = org.provenance.ledger.testing.Refusals.refusalOf(() -> fixture.givenNoPriorActivity()
                    .when(new CorrectFacility("C-1", "MINE-9", from, "CN", null, "x")));
            assertThat(((org.provenance.ledger.common.LedgerException) refused).refusal())
                    .isEqualTo(org.provenance.ledger.common.Refusal.NOT_FOUND);
        }

        @Test
        void namesWhatIsCorrected() {
            assertThat(fieldErrorsOf(() -> fixture.given(new FacilityRegistered("MINE-1", "Kamoto Mine", MINE, "CA", null))
                    .when(new CorrectFacility("C-1", "MINE-1", from, null, null, "x"))))
                    .containsExactly(new FieldError("country", "a correction names the country, the ownerCountry or both"));
        }
    }

    @Nested
    class RefusingAMalformedRegistration {

        @Test
        void anIdWithCharactersOutsideTheIdAlphabet() {
            // '/' separates the stream prefix from the id, so it must never be part of a user id
            assertThat(fieldErrorsOf(() -> fixture.givenNoPriorActivity()
                    .when(new RegisterFacility("mine/1", "Kamoto Mine", MINE, "CD", null))))
                    .containsExactly(new FieldError("id", "must be 1 to 128 characters of A-Z a-z 0-9 . _ : -"));
        }

        @Test
        void aMissingId() {
            assertThat(fieldErrorsOf(() -> fixture.givenNoPriorActivity()
                    .when(new RegisterFacility(null, "Kamoto Mine", MINE, "CD", null))))
                    .containsExactly(new FieldError("id", "is required"));
        }

        @Test
        void aBlankName() {
            assertThat(fieldErrorsOf(() -> fixture.givenNoPriorActivity()
                    .when(new RegisterFacility("MINE-1", "   ", MINE, "CD", null))))
                    .containsExactly(new FieldError("name", "is required"));
        }

        @Test
        void aCountryThatIsNotAnIsoCode() {
            assertThat(fieldErrorsOf(() -> fixture.givenNoPriorActivity()
                    .when(new RegisterFacility("MINE-1", "Kamoto Mine", MINE, "XX", null))))
                    .containsExactly(new FieldError("country", COUNTRY_RULE));
        }

        @Test
        void aLowercaseCountryCode() {
            assertThat(fieldErrorsOf(() -> fixture.givenNoPriorActivity()
                    .when(new RegisterFacility("MINE-1", "Mount Weld", MINE, "au", null))))
                    .containsExactly(new FieldError("country", COUNTRY_RULE));
        }

        @Test
        void aMissingKind() {
            assertThat(fieldErrorsOf(() -> fixture.givenNoPriorActivity()
                    .when(new RegisterFacility("MINE-1", "Kamoto Mine", null, "CD", null))))
                    .containsExactly(new FieldError("kind", "is required"));
        }

        @Test
        void anOwnerCountryThatIsNotAnIsoCode() {
            assertThat(fieldErrorsOf(() -> fixture.givenNoPriorActivity()
                    .when(new RegisterFacility("MINE-1", "Kamoto Mine", MINE, "CD", "China"))))
                    .containsExactly(new FieldError("ownerCountry", COUNTRY_RULE));
        }

        @Test
        void reportsEveryInvalidFieldAtOnce() {
            assertThat(fieldErrorsOf(() -> fixture.givenNoPriorActivity()
                    .when(new RegisterFacility("", null, null, "au", "XX"))))
                    .extracting(FieldError::field)
                    .containsExactly("id", "name", "kind", "country", "ownerCountry");
        }
    }

    @Nested
    class RefusingADuplicate {

        @Test
        void anIdAlreadyRegistered() {
            LedgerConflictException conflict = assertConflict(
                    refusalOf(() -> fixture.given(new FacilityRegistered("MINE-1", "Kamoto Mine", MINE, "CD", null))
                                           .when(new RegisterFacility("MINE-1", "Other Mine", MINE, "ZM", null))),
                    ID_IN_USE, "id");
            assertThat(conflict).hasMessage("facility MINE-1 is already registered");
        }
    }
}
