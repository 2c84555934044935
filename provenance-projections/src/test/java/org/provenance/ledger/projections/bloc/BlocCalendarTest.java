package org.provenance.ledger.projections.bloc;

import org.junit.jupiter.api.Test;
import org.provenance.ledger.composition.Membership;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Who was a member when: the half-open periods every flag and check is evaluated against. */
class BlocCalendarTest {

    private static final Instant FOUNDED = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant GB_LEFT = Instant.parse("2020-01-31T23:00:00Z");
    private static final Instant GB_BACK = Instant.parse("2030-01-01T00:00:00Z");

    private static final BlocCalendar ALLIES = new BlocCalendar("ALLIES", List.of(
            new BlocCalendar.Period("AU", FOUNDED, null),
            new BlocCalendar.Period("GB", FOUNDED, GB_LEFT),
            new BlocCalendar.Period("GB", GB_BACK, null)));

    @Test
    void aMembershipStartsAtItsFirstInstant() {
        assertThat(ALLIES.at(FOUNDED.minusNanos(1)).isMember("AU")).isFalse();
        assertThat(ALLIES.at(FOUNDED).isMember("AU")).isTrue();
    }

    @Test
    void anEndedMembershipCoversUpToJustBeforeItsEnd() {
        assertThat(ALLIES.at(GB_LEFT.minusNanos(1)).isMember("GB")).isTrue();
        assertThat(ALLIES.at(GB_LEFT).isMember("GB")).isFalse();
    }

    @Test
    void aReadmittedCountryIsAMemberAgainFromItsNewStart() {
        Membership between = ALLIES.at(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(between.isMember("GB")).isFalse();
        assertThat(ALLIES.at(GB_BACK).isMember("GB")).isTrue();
    }

    @Test
    void unknownAndMissingCountriesAreNeverMembers() {
        Membership now = ALLIES.at(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(now.isMember("CN")).isFalse();
        assertThat(now.isMember(null)).isFalse();
        assertThat(BlocCalendar.empty("NOBODY").at(FOUNDED).isMember("AU")).isFalse();
    }

    @Test
    void listsTheChangesStrictlyAfterAnInstantInOrderAndOnce() {
        BlocCalendar twoJoinTogether = new BlocCalendar("X", List.of(
                new BlocCalendar.Period("AU", GB_BACK, null),
                new BlocCalendar.Period("GB", FOUNDED, GB_LEFT),
                new BlocCalendar.Period("US", GB_BACK, null)));

        assertThat(twoJoinTogether.changesAfter(FOUNDED)).containsExactly(GB_LEFT, GB_BACK);
        assertThat(twoJoinTogether.changesAfter(GB_BACK)).isEmpty();
    }
}
