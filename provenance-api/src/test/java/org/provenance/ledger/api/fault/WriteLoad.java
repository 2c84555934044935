package org.provenance.ledger.api.fault;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Client threads that keep writing to the ledger, each its own chain of extraction then
 * transfer of the extracted lot, and remember exactly which writes were acknowledged (2xx) and
 * which were sent without an acknowledgement (an error answer, a refused or broken connection).
 * Every answer is kept with its status, content type and Retry-After, for the outage checks.
 */
final class WriteLoad {

    enum Kind { EXTRACTION, TRANSFER }

    /** One write, as sent: sending the same body again is an idempotent retry. */
    record Write(Kind kind, String id, String lotId, String mineId, int massKg, String path, String body) {
    }

    /** An HTTP answer (status > 0) or a request that got none (status -1, with the error). */
    record Answer(Instant sentAt, Instant answeredAt, int status, String contentType, String retryAfter, String body,
                  String error) {
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder()
                                                       .version(HttpClient.Version.HTTP_1_1)
                                                       .connectTimeout(Duration.ofSeconds(5))
                                                       .build();

    private final String tag;
    private final int clients;
    private final List<String> mines;
    private final String buyer;
    private final URI base;
    private final String authorization;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    final ConcurrentLinkedQueue<Write> acknowledged = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Write> unacknowledged = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();

    /** @param mines one per client, so that each client's extractions have a mass balance of their own */
    WriteLoad(String tag, int port, String user, String password, List<String> mines, String buyer) {
        this.tag = tag;
        this.clients = mines.size();
        this.mines = mines;
        this.buyer = buyer;
        this.base = URI.create("http://127.0.0.1:" + port);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    void start() {
        running = true;
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> run(client), "fault-load-" + tag + "-" + c);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Stops the clients after the request each has in flight. */
    void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(120).toMillis());
        }
    }

    private void run(int client) {
        String mine = mines.get(client);
        for (int n = 0; running; n++) {
            String lotId = tag + "-C" + client + "-L" + n;
            int massKg = 1 + (n * 7 + client) % 97;
            Write extraction = new Write(Kind.EXTRACTION, lotId, lotId, mine, massKg, "/api/lots/extractions", """
                    {"lotId":"%s","mineId":"%s","mineral":"REE","form":"ore","massKg":%d}"""
                    .formatted(lotId, mine, massKg));
            if (!send(extraction) || !running) {
                continue;
            }
            String transferId = tag + "-C" + client + "-T" + n;
            send(new Write(Kind.TRANSFER, transferId, lotId, mine, massKg, "/api/transfers", """
                    {"id":"%s","lotId":"%s","fromFacilityId":"%s","toFacilityId":"%s"}"""
                    .formatted(transferId, lotId, mine, buyer)));
        }
    }

    /** Sends the write once; true when it was acknowledged. */
    private boolean send(Write write) {
        Answer answer = post(base, authorization, write.path(), write.body());
        answers.add(answer);
        if (answer.status() / 100 == 2) {
            acknowledged.add(write);
            return true;
        }
        unacknowledged.add(write);
        // A real client backs off; without it a refused connection turns into a busy loop.
        pause(answer.status() == 503 ? Duration.ofMillis(500) : Duration.ofMillis(100));
        return false;
    }

    static Answer post(URI base, String authorization, String path, String body) {
        Instant sent = Instant.now();
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                                         .timeout(Duration.ofSeconds(90))
                                         .header("Authorization", authorization)
                                         .header("Content-Type", "application/json")
                                         .POST(HttpRequest.BodyPublishers.ofString(body))
                                         .build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(sent, Instant.now(), response.statusCode(),
                              response.headers().firstValue("Content-Type").orElse(""),
                              response.headers().firstValue("Retry-After").orElse(null), response.body(), null);
        } catch (IOException e) {
            return new Answer(sent, Instant.now(), -1, "", null, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(sent, Instant.now(), -1, "", null, "", e.toString());
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
