package org.provenance.ledger.audit.server;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChainerLogTest {

    private long now = 5_000_000_000L;
    private long latest;
    private final List<String> lines = new ArrayList<>();
    private final ChainerLog log = new ChainerLog(() -> latest, () -> now, lines::add);

    @Test
    void a_chainer_that_keeps_up_says_nothing_after_starting() {
        log.starting(0);
        latest = 5_000;
        log.afterBatch(1_000, true);
        log.afterBatch(2_000, true);
        log.afterBatch(4_990, false);

        assertThat(lines).containsExactly("Audit chain starts at the first event");
    }

    @Test
    void catching_up_on_many_events_is_announced_reported_every_ten_seconds_and_ended() {
        log.starting(100);
        latest = 100_100;

        log.afterBatch(1_100, true);
        later(Duration.ofSeconds(4));
        log.afterBatch(41_100, true);
        later(Duration.ofSeconds(7));
        log.afterBatch(71_100, true);
        later(Duration.ofSeconds(2));
        log.afterBatch(81_100, true);
        later(Duration.ofSeconds(3));
        log.afterBatch(100_100, false);
        log.afterBatch(100_100, false);

        assertThat(lines).containsExactly(
                "Audit chain resumes after position 100",
                "Audit chain is catching up: about 99000 events to chain after position 1100",
                "Audit chain at position 71100 of about 100100 (6364 events/s)",
                "Audit chain caught up at position 100100: 99000 events chained in " + String.format("%.1f", 16.0)
                        + " s");
    }

    @Test
    void a_batch_that_is_not_full_never_starts_a_progress_report_however_far_behind() {
        latest = 1_000_000;
        log.afterBatch(10, false);

        assertThat(lines).isEmpty();
    }

    @Test
    void a_skipped_hole_and_a_recovery_are_told_in_words() {
        log.holeSkipped(7, 7, Duration.ofSeconds(30));
        log.holeSkipped(8, 11, Duration.ofSeconds(30));
        log.recovered(3);

        assertThat(lines).containsExactly(
                "Audit chain skips position 7: not committed within 30 s, a rolled-back write",
                "Audit chain skips positions 8 to 11: not committed within 30 s, a rolled-back write",
                "Audit chain is chaining again after 3 failed attempt(s)");
    }

    private void later(Duration duration) {
        now += duration.toNanos();
    }
}
