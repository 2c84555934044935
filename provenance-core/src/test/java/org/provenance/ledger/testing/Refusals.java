package org.provenance.ledger.testing;

import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.provenance.ledger.common.FieldError;
import org.provenance.ledger.common.InvalidCommandException;
import org.provenance.ledger.common.LedgerConflictException;
import org.provenance.ledger.common.LedgerException;
import org.provenance.ledger.common.Refusal;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "then" of a refused command in an {@code AggregateTestFixture}.
 * <p>
 * A command can be refused in two places: the {@code CommandValidationInterceptor} refuses a malformed
 * command while it is dispatched, and the fixture lets that exception escape from {@code when(...)};
 * a handler or aggregate refuses a command against the ledger's state, and the fixture records that
 * exception for {@code expectException}. Tests should not care which of the two refused the command,
 * so {@link #refusalOf} returns the exception either way, and checks no event was published.
 */
public final class Refusals {

    private Refusals() {
    }

    /** Runs the when-step and returns the exception that refused the command; fails if the command succeeded. */
    public static Throwable refusalOf(Supplier<? extends ResultValidator<?>> whenStep) {
        ResultValidator<?> then;
        try {
            then = whenStep.get();
        } catch (LedgerException refusedAtDispatch) {
            return refusedAtDispatch;
        }
        AtomicReference<Throwable> refusal = new AtomicReference<>();
        then.expectException(capturing(refusal))
            .expectNoEvents();
        return refusal.get();
    }

    /** The field errors of a command that must have been refused as invalid. */
    public static List<FieldError> fieldErrorsOf(Supplier<? extends ResultValidator<?>> whenStep) {
        return fieldErrors(refusalOf(whenStep));
    }

    public static List<FieldError> fieldErrors(Throwable refusal) {
        assertThat(refusal).isInstanceOf(InvalidCommandException.class);
        InvalidCommandException invalid = (InvalidCommandException) refusal;
        assertThat(invalid.refusal()).isEqualTo(Refusal.INVALID_COMMAND);
        return invalid.errors();
    }

    /** The names of the invalid fields, in the order the command reported them. */
    public static List<String> fieldNames(Throwable refusal) {
        return fieldErrors(refusal).stream().map(FieldError::field).toList();
    }

    /** Asserts the command was refused as conflicting with the ledger's state, with this code and field. */
    public static LedgerConflictException assertConflict(Throwable refusal, Refusal code, String field) {
        assertThat(refusal).isInstanceOf(LedgerConflictException.class);
        LedgerConflictException conflict = (LedgerConflictException) refusal;
        assertThat(conflict.refusal()).as("refusal").isEqualTo(code);
        assertThat(conflict.field()).as("conflict field").isEqualTo(field);
        return conflict;
    }

    private static Matcher<Throwable> capturing(AtomicReference<Throwable> refusal) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                if (actual instanceof Throwable t) {
                    refusal.set(t);
                    return true;
                }
                return false;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("the command to be refused");
            }
        };
    }
}
