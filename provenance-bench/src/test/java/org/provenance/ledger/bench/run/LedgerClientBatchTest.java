package org.provenance.ledger.bench.run;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.bench.gen.Op;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The POST /api/batches client against a stand-in server speaking the NDJSON contract. */
class LedgerClientBatchTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void readsTheStreamedAnswerLineByLine() throws Exception {
        AtomicReference<String> received = new AtomicReference<>();
        AtomicReference<String> contentType = new AtomicReference<>();
        String base = serve(exchange -> {
            received.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            contentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
            exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(("""
                        {"line":1,"status":201,"id":"F-1","position":11}
                        {"line":2,"status":409,"problem":{"type":"/problems/id-in-use","title":"Conflict","status":409,"detail":"x","errors":[]}}
                        {"line":3,"status":201,"id":"L-1","position":12}
                        {"summary":{"lines":3,"succeeded":2,"failed":1}}
                        """).getBytes(StandardCharsets.UTF_8));
            }
        });
        List<Op> ops = List.of(op("facility", "{\"type\":\"facility\",\"id\":\"F-1\"}"),
                               op("facility", "{\"type\":\"facility\",\"id\":\"F-1\",\"name\":\"other\"}"),
                               op("extraction", "{\"type\":\"extraction\",\"lotId\":\"L-1\"}"));
        int[] progress = {0};
        LedgerClient.BatchResult result = LedgerClient.basic(base, "u", "p").batch(ops, n -> progress[0] = n);

        assertThat(contentType.get()).isEqualTo("application/x-ndjson");
        assertThat(received.get().split("\n")).containsExactly(ops.get(0).ndjson(), ops.get(1).ndjson(), ops.get(2).ndjson());
        assertThat(result.available()).isTrue();
        assertThat(result.lines()).isEqualTo(3);
        assertThat(result.succeeded()).isEqualTo(2);
        assertThat(result.failed()).isEqualTo(1);
        assertThat(result.summary()).isTrue();
        assertThat(result.positions()).containsExactly(11, 12);
        assertThat(result.problems()).hasSize(1).first().asString().contains("id-in-use");
        assertThat(progress[0]).isEqualTo(3);
    }

    @Test
    void aLedgerWithoutTheEndpointIsUnavailable() throws Exception {
        String base = serve(exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        LedgerClient.BatchResult result = LedgerClient.basic(base, "u", "p")
                                                      .batch(List.of(op("bloc", "{\"type\":\"bloc\"}")), null);
        assertThat(result.available()).isFalse();
        assertThat(result.status()).isEqualTo(404);
    }

    @Test
    void aSummaryThatDoesNotMatchIsReported() throws Exception {
        var lines = List.of("{\"line\":1,\"status\":201,\"id\":\"a\",\"position\":1}",
                            "{\"summary\":{\"lines\":2,\"succeeded\":2,\"failed\":0}}").iterator();
        LedgerClient.BatchResult result = LedgerClient.parse(lines, 2, null);
        assertThat(result.summary()).isFalse();
        assertThat(result.succeeded()).isEqualTo(1);
    }

    private String serve(com.sun.net.httpserver.HttpHandler handler) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/batches", handler);
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static Op op(String kind, String ndjson) {
        return new Op(kind, "POST", "/unused", "{}", ndjson);
    }
}
