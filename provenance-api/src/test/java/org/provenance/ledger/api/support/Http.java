package org.provenance.ledger.api.support;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A real HTTP client against the ledger on its real port. */
public final class Http {

    public record Response(int status, String contentType, String body, JsonNode json,
                           java.net.http.HttpHeaders headers) {

        /** The first value of a response header, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The lines of an NDJSON body, parsed. */
        public java.util.List<JsonNode> lines() {
            return body.lines().filter(l -> !l.isBlank()).map(l -> JSON.readTree(l)).toList();
        }

        public String text(String field) {
            return json.path(field).asString(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private static final ObjectMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Map<String, String> headers;

    public Http(int port) {
        this("http://localhost:" + port, Map.of());
    }

    private Http(String base, Map<String, String> headers) {
        this.base = base;
        this.headers = headers;
    }

    public Http basic(String user, String password) {
        String credentials = java.util.Base64.getEncoder()
                                             .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return withHeaders(Map.of("Authorization", "Basic " + credentials));
    }

    public Http bearer(String token) {
        return withHeaders(Map.of("Authorization", "Bearer " + token));
    }

    public Http withHeaders(Map<String, String> extra) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.putAll(extra);
        return new Http(base, Map.copyOf(all));
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response options(String path) {
        return send(request(path).method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }

    public Response post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                                 .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /**
     * A POST with its own content type and timeout (large EPCIS documents), sent after a 100 Continue,
     * so that a body refused for its declared size is answered rather than cut off.
     */
    public Response post(String path, String contentType, String body, Duration timeout) {
        return send(request(path).timeout(timeout).expectContinue(true).header("Content-Type", contentType)
                                 .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response postNdjson(String path, String ndjson) {
        return send(request(path).header("Content-Type", "application/x-ndjson")
                                 .POST(HttpRequest.BodyPublishers.ofString(ndjson)));
    }

    public Response put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                                 .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response delete(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                                 .method("DELETE", HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        headers.forEach(builder::header);
        return builder;
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = body == null || body.isBlank() || !contentType.contains("json")
                    || contentType.contains("ndjson") ? JSON.nullNode() : JSON.readTree(body);
            return new Response(response.statusCode(), contentType, body, json, response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
