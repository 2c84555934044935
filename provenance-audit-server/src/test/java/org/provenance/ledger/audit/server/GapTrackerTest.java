package org.provenance.ledger.audit.server;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provenance.ledger.audit.server.GapTracker.Hole.EXPIRED;
import static org.provenance.ledger.audit.server.GapTracker.Hole.NEW;
import static org.provenance.ledger.audit.server.GapTracker.Hole.OPEN;

class GapTrackerTest {

    private static final Duration GRACE = Duration.ofSeconds(30);

    private long now = 1_000_000_000L;
    private final GapTracker gaps = new GapTracker(GRACE, () -> now);

    @Test
    void a_hole_is_waited_for_until_it_has_been_open_for_the_grace_period() {
        assertThat(gaps.check(5, 8)).isEqualTo(NEW);

        later(GRACE.minusMillis(1));
        assertThat(gaps.check(5, 8)).isEqualTo(OPEN);

        later(Duration.ofMillis(1));
        assertThat(gaps.check(5, 8)).as("a rolled-back write: it will never commit").isEqualTo(EXPIRED);
    }

    @Test
    void a_hole_that_shrinks_as_some_of_its_writes_commit_keeps_its_first_sighting() {
        gaps.check(5, 8);
        later(GRACE.minusSeconds(10));

        // 5 and 6 committed; 7 and 8 are what is left of the same hole.
        assertThat(gaps.check(7, 8)).isEqualTo(OPEN);
        later(Duration.ofSeconds(10));
        assertThat(gaps.check(7, 8)).isEqualTo(EXPIRED);
    }

    @Test
    void a_hole_above_one_the_chain_passed_has_a_clock_of_its_own() {
        gaps.check(2, 2);
        later(GRACE);

        assertThat(gaps.check(2, 2)).isEqualTo(EXPIRED);
        assertThat(gaps.check(5, 6)).as("first seen only now").isEqualTo(NEW);
        later(GRACE.minusMillis(1));
        assertThat(gaps.check(5, 6)).isEqualTo(OPEN);
    }

    @Test
    void holes_the_chain_has_reached_are_forgotten_so_memory_does_not_grow_with_the_ledger() {
        gaps.check(2, 2);
        gaps.check(5, 6);
        assertThat(gaps.remembered()).isEqualTo(2);

        gaps.chainedUpTo(4);
        assertThat(gaps.remembered()).isEqualTo(1);

        gaps.chainedUpTo(7);
        assertThat(gaps.remembered()).isZero();
    }

    @Test
    void with_no_grace_period_a_hole_is_passed_at_once() {
        GapTracker impatient = new GapTracker(Duration.ZERO, () -> now);

        assertThat(impatient.check(3, 3)).isEqualTo(EXPIRED);
    }

    private void later(Duration duration) {
        now += duration.toNanos();
    }
}
