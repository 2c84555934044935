package org.provenance.ledger.api.lot;

import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** Real concurrent HTTP requests racing for the same lot (SPEC 10). */
class ConcurrencyApiTest extends ApiTest {

    @Test
    void ten_transfers_of_one_lot_at_once_one_wins() throws Exception {
        String mine = facility("MINE", "AU");
        String lotId = extract(mine, "1000");
        List<String> buyers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            buyers.add(facility("BUYER", "US"));
        }
        long events = eventCount();

        List<Http.Response> answers = race(10, i -> transfer(id("T"), lotId, mine, buyers.get(i)));

        assertThat(answers).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(answers).filteredOn(r -> r.status() == 409).hasSize(9)
                           .allSatisfy(r -> assertThat(r.contentType()).startsWith("application/problem+json"));
        assertThat(eventCount()).isEqualTo(events + 1);
        String winner = answers.stream().filter(r -> r.status() == 201).findFirst().orElseThrow().text("id");
        assertThat(http.get("/api/lots/" + lotId).text("custodianId"))
                .isEqualTo(http.get("/api/transfers/" + winner).text("toFacilityId"));
    }

    @Test
    void two_transformations_racing_for_one_input_one_wins() throws Exception {
        String mine = facility("MINE", "AU");
        String processor = facility("PROCESSOR", "EE");
        String lotId = extract(mine, "100");
        assertThat(transfer(id("T"), lotId, mine, processor).status()).isEqualTo(201);
        long events = eventCount();

        List<Http.Response> answers = race(2, i -> http.post("/api/transformations", """
                {"id": "%s", "facilityId": "%s", "stage": "CONCENTRATION",
                 "inputs": [{"lotId": "%s", "massKg": 60}],
                 "outputs": [{"lotId": "%s", "mineral": "REE", "form": "concentrate", "massKg": 60}]}"""
                .formatted(id("X"), processor, lotId, id("OUT"))));

        assertThat(answers).extracting(Http.Response::status).containsExactlyInAnyOrder(201, 409);
        // One transformation: one LotConsumed, one TransformationRecorded, one LotProduced.
        assertThat(eventCount()).isEqualTo(events + 3);
        assertThat(http.get("/api/lots/" + lotId).json().path("remainingMassKg").decimalValue()).isEqualByComparingTo("40");
    }

    @Test
    void identical_retries_racing_each_other_record_once_and_get_one_answer() throws Exception {
        String mine = facility("MINE", "AU");
        String body = """
                {"lotId": "%s", "mineId": "%s", "mineral": "Co", "form": "ore", "massKg": 3}"""
                .formatted(id("LOT"), mine);
        long events = eventCount();

        List<Http.Response> answers = race(8, i -> http.post("/api/lots/extractions", body));

        assertThat(answers).extracting(Http.Response::status).containsOnly(201);
        assertThat(answers).extracting(r -> r.json().path("position").asLong()).containsOnly(
                answers.get(0).json().path("position").asLong());
        assertThat(eventCount()).isEqualTo(events + 1);
    }

    private static List<Http.Response> race(int clients, IntFunction<Http.Response> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int client = i;
                Callable<Http.Response> call = () -> {
                    start.await();
                    return request.apply(client);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<Http.Response> answers = new ArrayList<>();
            for (Future<Http.Response> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
