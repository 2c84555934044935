package org.provenance.ledger.api.lot;

import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lot's exposure is computed against the home bloc's calendar, which reads take from a cache:
 * a membership change must reach the next read (it waits for the projection, which empties the
 * cache once the change has committed), and a replay must leave the same answer.
 */
class LotReadCacheApiTest extends ApiTest {

    @Test
    void a_membership_change_reaches_the_next_lot_read_and_a_replay_keeps_it() {
        homeBloc();
        // Tuvalu: a country no other test admits, so the home bloc stays as the others expect.
        String mine = facility("MINE", "TV");
        String lot = extract(mine, "4");
        assertThat(originShare(lot)).as("before Tuvalu is admitted").isEqualTo("1");
        assertThat(originShare(lot)).as("read again, from the cache").isEqualTo("1");

        Http.Response admitted = http.put("/api/blocs/" + HOME_BLOC + "/members/TV",
                                          "{\"effectiveFrom\": \"2000-01-01T00:00:00Z\"}");
        assertThat(admitted.status()).as(admitted.body()).isEqualTo(201);
        assertThat(originShare(lot)).as("after Tuvalu is admitted").isEqualTo("0");

        Http.Response left = http.delete("/api/blocs/" + HOME_BLOC + "/members/TV",
                                         "{\"effectiveFrom\": \"2001-01-01T00:00:00Z\"}");
        assertThat(left.status()).as(left.body()).isEqualTo(201);
        assertThat(originShare(lot)).as("after Tuvalu left").isEqualTo("1");

        assertThat(http.post("/api/admin/projections/ledger/replay", "").status()).isEqualTo(202);
        org.provenance.ledger.api.support.Await.until("the rebuilt lot can be read", java.time.Duration.ofSeconds(60),
                                                      () -> http.get("/api/lots/" + lot).status() == 200);
        assertThat(originShare(lot)).as("after a replay").isEqualTo("1");
        var replay = http.get("/api/admin/projections/ledger").json().path("replay");
        assertThat(replay.path("done").asBoolean()).isTrue();
        assertThat(replay.path("eventsPerSecond").asDouble()).as(replay.toString()).isPositive();
        assertThat(replay.path("estimatedSecondsLeft").asLong()).isZero();
    }

    private String originShare(String lot) {
        Http.Response read = http.get("/api/lots/" + lot);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        return read.json().path("exposure").path("nonBlocOriginShare").decimalValue().stripTrailingZeros()
                   .toPlainString();
    }
}
