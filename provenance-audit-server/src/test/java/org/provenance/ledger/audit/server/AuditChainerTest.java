package org.provenance.ledger.audit.server;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class AuditChainerTest {

    @Test
    void the_back_off_after_failures_doubles_from_twice_the_interval_up_to_thirty_seconds() {
        Duration interval = Duration.ofMillis(200);

        assertThat(AuditChainer.backoff(interval, 1)).isEqualTo(Duration.ofMillis(400));
        assertThat(AuditChainer.backoff(interval, 2)).isEqualTo(Duration.ofMillis(800));
        assertThat(AuditChainer.backoff(interval, 7)).isEqualTo(Duration.ofMillis(25_600));
        assertThat(AuditChainer.backoff(interval, 8)).isEqualTo(Duration.ofSeconds(30));
        assertThat(AuditChainer.backoff(interval, 1_000)).as("no overflow after a long outage")
                                                         .isEqualTo(Duration.ofSeconds(30));
    }
}
