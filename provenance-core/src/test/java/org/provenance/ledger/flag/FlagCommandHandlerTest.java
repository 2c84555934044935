package org.provenance.ledger.flag;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.common.CommandValidationInterceptor;
import org.provenance.ledger.common.LedgerNotFoundException;
import org.provenance.ledger.common.Refusal;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provenance.ledger.flag.ReviewDecision.ACCEPTED_RISK;
import static org.provenance.ledger.flag.ReviewDecision.CONFIRMED;
import static org.provenance.ledger.flag.ReviewDecision.FALSE_POSITIVE;
import static org.provenance.ledger.testing.Refusals.fieldNames;
import static org.provenance.ledger.testing.Refusals.refusalOf;

class FlagCommandHandlerTest {

    private static final String FLAG = "LOT-1:NON_BLOC_ORIGIN";
    private static final Map<String, ?> BY_OFFICER = Map.of("principal", "officer");

    /** The flags the read side has raised. */
    private final Set<String> raised = Set.of(FLAG);

    private AggregateTestFixture<FlagReview> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FlagReview.class);
        fixture.registerAnnotatedCommandHandler(new FlagCommandHandler(fixture.getRepository(), raised::contains));
        fixture.registerCommandDispatchInterceptor(new CommandValidationInterceptor());
    }

    @Test
    void recordsTheFirstReviewWithTheReviewerAndTheNoteStripped() {
        fixture.givenNoPriorActivity()
               .when(new ReviewFlag(FLAG, FALSE_POSITIVE, "  mine is in the bloc since 2019 \n"), BY_OFFICER)
               .expectSuccessfulHandlerExecution()
               .expectResultMessagePayload(FLAG)
               .expectEvents(new FlagReviewed(FLAG, FALSE_POSITIVE, "mine is in the bloc since 2019", "officer"));
    }

    @Test
    void appendsALaterReviewToTheFlagsHistory() {
        fixture.given(new FlagReviewed(FLAG, ACCEPTED_RISK, "temporary supplier", "officer"))
               .when(new ReviewFlag(FLAG, CONFIRMED, "supplier not replaced"), Map.of("principal", "auditor"))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new FlagReviewed(FLAG, CONFIRMED, "supplier not replaced", "auditor"));
    }

    @Test
    void refusesAFlagTheReadSideHasNotRaised() {
        Throwable refusal = refusalOf(() -> fixture.givenNoPriorActivity()
                                                  .when(new ReviewFlag("LOT-1:PRICE_BELOW_FLOOR", CONFIRMED, "x"),
                                                        BY_OFFICER));
        assertThat(refusal).isInstanceOf(LedgerNotFoundException.class);
        assertThat(((LedgerNotFoundException) refusal).refusal()).isEqualTo(Refusal.NOT_FOUND);
    }

    @Test
    void refusesAReviewWithoutDecisionOrNote() {
        assertThat(fieldNames(refusalOf(() -> fixture.givenNoPriorActivity()
                                                     .when(new ReviewFlag(FLAG, null, " "), BY_OFFICER))))
                .containsExactlyInAnyOrder("decision", "note");
    }
}
