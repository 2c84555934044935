package org.provenance.ledger.api.write;

import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identical retries racing to create the same stream: the loser's unique-key violation is the
 * winner's answer, never a 500 (one in sixty of them used to be).
 */
class IdenticalRetryRaceApiTest extends ApiTest {

    private static final int ROUNDS = 20;
    private static final int CONCURRENT = 8;

    @Test
    void identical_facility_registrations_racing_all_get_the_winners_answer() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String facility = id("RACE-F");
            String body = """
                    {"id": "%s", "name": "Raced mine", "kind": "MINE", "country": "AU"}""".formatted(facility);
            assertOneAnswer(race(() -> http.post("/api/facilities", body)));
            assertThat(eventsOf("facility/" + facility)).isEqualTo(1);
        }
    }

    @Test
    void identical_bloc_creations_racing_all_get_the_winners_answer() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String bloc = id("RACE-B");
            String body = """
                    {"id": "%s", "name": "Raced bloc"}""".formatted(bloc);
            assertOneAnswer(race(() -> http.post("/api/blocs", body)));
            assertThat(eventsOf("bloc/" + bloc)).isEqualTo(1);
            assertOneAnswer(race(() -> http.put("/api/blocs/" + bloc + "/members/FR",
                                                "{\"effectiveFrom\": \"2026-01-01T00:00:00Z\"}")));
            assertThat(eventsOf("bloc/" + bloc)).isEqualTo(2);
        }
    }

    private static void assertOneAnswer(List<Http.Response> answers) {
        assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(201));
        assertThat(answers.stream().map(Http.Response::body).distinct()).hasSize(1);
    }

    private long eventsOf(String stream) {
        return jdbc.sql("select count(*) from domain_event_entry where aggregate_identifier = ?").param(stream)
                   .query(Long.class).single();
    }

    private List<Http.Response> race(Supplier<Http.Response> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (int i = 0; i < CONCURRENT; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.get();
                }));
            }
            start.countDown();
            List<Http.Response> answers = new ArrayList<>();
            for (Future<Http.Response> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
