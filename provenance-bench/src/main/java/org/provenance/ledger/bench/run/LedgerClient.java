package org.provenance.ledger.bench.run;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.provenance.ledger.bench.gen.Op;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/** HTTP to a ledger (the product or the stock comparator), with HTTP Basic credentials. */
public final class LedgerClient {

    public record Response(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The write's global position from a 201 {"id":..,"position":..} answer, or -1. */
        public long position() {
            int at = body == null ? -1 : body.indexOf("\"position\":");
            if (at < 0) {
                return -1;
            }
            int from = at + 11;
            int to = from;
            while (to < body.length() && (Character.isDigit(body.charAt(to)) || body.charAt(to) == '-')) {
                to++;
            }
            return to > from ? Long.parseLong(body.substring(from, to)) : -1;
        }
    }

    /**
     * What POST /api/batches answered.
     *
     * @param available  false when the ledger has no such endpoint (404 or 405)
     * @param status     the HTTP status
     * @param lines      result lines received (one per input line)
     * @param succeeded  lines answered 2xx
     * @param failed     lines answered otherwise
     * @param summary    the final summary line was received and matched the lines
     * @param problems   the first few failed lines, as received
     * @param positions  the positions of the succeeded lines
     */
    public record BatchResult(boolean available, int status, int lines, int succeeded, int failed, boolean summary,
                              List<String> problems, long[] positions) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;
    private final String authorization;

    /** HTTP Basic credentials. */
    public static LedgerClient basic(String base, String user, String password) {
        return new LedgerClient(base, "Basic " + Base64.getEncoder()
                                                       .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** A bearer token (JWT). */
    public static LedgerClient bearer(String base, String token) {
        return new LedgerClient(base, "Bearer " + token);
    }

    private LedgerClient(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                              .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public String base() {
        return base;
    }

    public Response send(Op op) throws IOException, InterruptedException {
        HttpRequest request = request(op.path(), Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .method(op.method(), HttpRequest.BodyPublishers.ofString(op.json())).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    public Response get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(path, Duration.ofSeconds(120)).GET().build(),
                                                  HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    /** GET with extra headers (e.g. Ledger-Min-Position, to read a write made through another node). */
    public Response get(String path, java.util.Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path, Duration.ofSeconds(120)).GET();
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    /** GET that reads the body as bytes: returns the status and the body's size. */
    public long[] getSize(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request(path, Duration.ofSeconds(120)).GET().build(),
                                                  HttpResponse.BodyHandlers.ofByteArray());
        return new long[]{response.statusCode(), response.body().length};
    }

    public Response post(String path, String json) throws IOException, InterruptedException {
        HttpRequest request = request(path, Duration.ofSeconds(120)).header("Content-Type", "application/json")
                                                                      .POST(HttpRequest.BodyPublishers.ofString(json))
                                                                      .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    /**
     * POST /api/batches with one NDJSON line per write; reads the streamed answer line by line
     * ({"line":n,"status":201,"id":..,"position":..} or {"line":n,"status":4xx,"problem":{..}},
     * then {"summary":{"lines":N,"succeeded":S,"failed":F}}).
     *
     * @param onLine called with the number of result lines received so far (progress)
     */
    public BatchResult batch(List<Op> ops, IntConsumer onLine) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder(ops.size() * 400);
        for (Op op : ops) {
            body.append(op.ndjson()).append('\n');
        }
        HttpRequest request = request("/api/batches", Duration.ofMinutes(30))
                .header("Content-Type", "application/x-ndjson")
                .header("Accept", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            if (response.statusCode() == 404 || response.statusCode() == 405) {
                return new BatchResult(false, response.statusCode(), 0, 0, 0, false, List.of(), new long[0]);
            }
            if (response.statusCode() != 200) {
                String text = String.join("\n", lines.limit(20).toList());
                return new BatchResult(true, response.statusCode(), 0, 0, ops.size(), false, List.of(text), new long[0]);
            }
            return parse(lines.iterator(), ops.size(), onLine);
        }
    }

    static BatchResult parse(Iterator<String> lines, int expected, IntConsumer onLine) throws IOException {
        int received = 0;
        int succeeded = 0;
        int failed = 0;
        boolean summary = false;
        List<String> problems = new ArrayList<>();
        long[] positions = new long[expected];
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            if (node.has("summary")) {
                JsonNode s = node.get("summary");
                summary = s.path("lines").asInt(-1) == received && s.path("succeeded").asInt(-1) == succeeded
                        && s.path("failed").asInt(-1) == failed;
                continue;
            }
            int status = node.path("status").asInt();
            if (status >= 200 && status < 300) {
                if (succeeded < positions.length) {
                    positions[succeeded] = node.path("position").asLong(-1);
                }
                succeeded++;
            } else {
                failed++;
                if (problems.size() < 5) {
                    problems.add(line);
                }
            }
            received++;
            if (onLine != null) {
                onLine.accept(received);
            }
        }
        long[] kept = java.util.Arrays.copyOf(positions, Math.min(succeeded, positions.length));
        return new BatchResult(true, 200, received, succeeded, failed, summary, problems, kept);
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).header("Authorization", authorization);
    }
}
