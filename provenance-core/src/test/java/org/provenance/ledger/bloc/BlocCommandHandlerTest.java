package org.provenance.ledger.bloc;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.common.CommandValidationInterceptor;
import org.provenance.ledger.common.LedgerNotFoundException;
import org.provenance.ledger.common.Refusal;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provenance.ledger.common.Refusal.ALREADY_MEMBER;
import static org.provenance.ledger.common.Refusal.ID_IN_USE;
import static org.provenance.ledger.common.Refusal.NOT_A_MEMBER;
import static org.provenance.ledger.common.Refusal.OUT_OF_ORDER;
import static org.provenance.ledger.testing.Refusals.assertConflict;
import static org.provenance.ledger.testing.Refusals.fieldNames;
import static org.provenance.ledger.testing.Refusals.refusalOf;

class BlocCommandHandlerTest {

    private static final Instant JOINED = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LEFT = Instant.parse("2020-01-31T23:00:00Z");

    private AggregateTestFixture<Bloc> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Bloc.class);
        fixture.registerAnnotatedCommandHandler(new BlocCommandHandler(fixture.getRepository()));
        fixture.registerCommandDispatchInterceptor(new CommandValidationInterceptor());
    }

    private static BlocCreated created() {
        return new BlocCreated("ALLIES", "Allies");
    }

    @Nested
    class CreatingABloc {

        @Test
        void recordsTheBlocWithItsNameStripped() {
            fixture.givenNoPriorActivity()
                   .when(new CreateBloc("ALLIES", "  Allies \n"))
                   .expectSuccessfulHandlerExecution()
                   .expectResultMessagePayload("ALLIES")
                   .expectEvents(created());
        }

        @Test
        void refusesAnIdInUse() {
            assertConflict(refusalOf(() -> fixture.given(created()).when(new CreateBloc("ALLIES", "Other"))),
                           ID_IN_USE, "id");
        }

        @Test
        void refusesABlankName() {
            assertThat(fieldNames(refusalOf(() -> fixture.givenNoPriorActivity().when(new CreateBloc("ALLIES", " ")))))
                    .containsExactly("name");
        }
    }

    @Nested
    class Membership {

        @Test
        void admitsACountry() {
            fixture.given(created())
                   .when(new AdmitMember("ALLIES", "AU", JOINED))
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(new MemberAdmitted("ALLIES", "AU", JOINED));
        }

        @Test
        void refusesToAdmitAMemberAgain() {
            assertConflict(refusalOf(() -> fixture.given(created(), new MemberAdmitted("ALLIES", "AU", JOINED))
                                                   .when(new AdmitMember("ALLIES", "AU", LEFT))),
                           ALREADY_MEMBER, "country");
        }

        @Test
        void endsAMembershipAfterItStarted() {
            fixture.given(created(), new MemberAdmitted("ALLIES", "GB", JOINED))
                   .when(new EndMembership("ALLIES", "GB", LEFT))
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(new MembershipEnded("ALLIES", "GB", LEFT));
        }

        @Test
        void refusesToEndAMembershipAtTheInstantItStarted() {
            assertConflict(refusalOf(() -> fixture.given(created(), new MemberAdmitted("ALLIES", "GB", JOINED))
                                                   .when(new EndMembership("ALLIES", "GB", JOINED))),
                           OUT_OF_ORDER, "effectiveFrom");
        }

        @Test
        void refusesToEndTheMembershipOfANonMember() {
            assertConflict(refusalOf(() -> fixture.given(created())
                                                   .when(new EndMembership("ALLIES", "GB", LEFT))),
                           NOT_A_MEMBER, "country");
        }

        @Test
        void refusesToEndAMembershipTwice() {
            assertConflict(refusalOf(() -> fixture.given(created(), new MemberAdmitted("ALLIES", "GB", JOINED),
                                                         new MembershipEnded("ALLIES", "GB", LEFT))
                                                   .when(new EndMembership("ALLIES", "GB", LEFT.plusSeconds(60)))),
                           NOT_A_MEMBER, "country");
        }

        @Test
        void readmitsAFormerMemberFromTheInstantItLeft() {
            fixture.given(created(), new MemberAdmitted("ALLIES", "GB", JOINED),
                          new MembershipEnded("ALLIES", "GB", LEFT))
                   .when(new AdmitMember("ALLIES", "GB", LEFT))
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(new MemberAdmitted("ALLIES", "GB", LEFT));
        }

        @Test
        void refusesAReadmissionBeforeThePreviousMembershipEnded() {
            assertConflict(refusalOf(() -> fixture.given(created(), new MemberAdmitted("ALLIES", "GB", JOINED),
                                                         new MembershipEnded("ALLIES", "GB", LEFT))
                                                   .when(new AdmitMember("ALLIES", "GB", LEFT.minusSeconds(1)))),
                           OUT_OF_ORDER, "effectiveFrom");
        }

        @Test
        void refusesAnUnknownBlocAsNotFound() {
            Throwable refusal = refusalOf(() -> fixture.givenNoPriorActivity()
                                                      .when(new AdmitMember("NOBODY", "AU", JOINED)));
            assertThat(refusal).isInstanceOf(LedgerNotFoundException.class);
            assertThat(((LedgerNotFoundException) refusal).refusal()).isEqualTo(Refusal.NOT_FOUND);
        }

        @Test
        void refusesAnInvalidCountry() {
            assertThat(fieldNames(refusalOf(() -> fixture.given(created())
                                                         .when(new AdmitMember("ALLIES", "XX", JOINED)))))
                    .containsExactly("country");
        }
    }

    @Nested
    class PriceFloors {

        @Test
        void recordsTheFloorWithoutTrailingZeros() {
            fixture.given(created())
                   .when(new SetPriceFloor("ALLIES", "cobalt", "hydroxide", "USD", new BigDecimal("30.500000"), JOINED))
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(new PriceFloorSet("ALLIES", "cobalt", "hydroxide", "USD", new BigDecimal("30.5"),
                                                   JOINED));
        }

        @Test
        void refusesAFloorInAnUnknownCurrency() {
            assertThat(fieldNames(refusalOf(() -> fixture.given(created())
                    .when(new SetPriceFloor("ALLIES", "cobalt", "hydroxide", "XTS", BigDecimal.TEN, JOINED)))))
                    .containsExactly("currency");
        }
    }
}
