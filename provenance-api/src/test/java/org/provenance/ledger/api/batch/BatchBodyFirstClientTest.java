package org.provenance.ledger.api.batch;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.provenance.ledger.api.support.Await;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.TestUsers;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that sends the whole body before reading a byte of the answer (Python requests, curl
 * with a file): a 100,000-line batch gets all its answers and the summary. Streamed answers used
 * to fill the socket buffers while the client was still sending, and the two waited on each other
 * until a timeout cut the answer.
 */
@ExtendWith(OutputCaptureExtension.class)
class BatchBodyFirstClientTest extends ApiTest {

    private static final int LINES = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_client_that_writes_the_whole_body_before_reading_gets_every_answer() throws Exception {
        String first = id("BULK");
        String last = id("BULK");
        StringBuilder body = new StringBuilder();
        body.append(facility(first)).append('\n');
        // Refused lines cost the ledger little, and their answers (a problem each) are the largest; the
        // padding makes the body as large as a real day's upload (about 20 MB), more than the sockets buffer.
        String padding = "x".repeat(180);
        for (int i = 2; i < LINES; i++) {
            body.append("{\"type\":\"no-such-kind\",\"n\":").append(i).append(",\"note\":\"").append(padding)
                .append("\"}\n");
        }
        body.append(facility(last)).append('\n');
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);

        String answer;
        try (Socket socket = new Socket()) {
            // Small client buffers, as over a real network: on loopback the kernel's large ones would
            // absorb the whole exchange and hide the problem.
            socket.setReceiveBufferSize(32 * 1024);
            socket.setSendBufferSize(32 * 1024);
            socket.connect(new java.net.InetSocketAddress("localhost", port));
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            String credentials = Base64.getEncoder().encodeToString(
                    (TestUsers.TESTER.name() + ":" + TestUsers.TESTER.password()).getBytes(StandardCharsets.UTF_8));
            out.write(("POST /api/batches HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + credentials
                    + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: " + bytes.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            answer = readResponse(new BufferedInputStream(socket.getInputStream()));
        }

        List<String> lines = answer.lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSize(LINES + 1);
        JsonNode firstAnswer = JSON.readTree(lines.get(0));
        assertThat(firstAnswer.path("status").asInt()).as(lines.get(0)).isEqualTo(201);
        assertThat(JSON.readTree(lines.get(1)).path("problem").path("type").asString()).isEqualTo("/problems/invalid-command");
        JsonNode lastAnswer = JSON.readTree(lines.get(LINES - 1));
        assertThat(lastAnswer.path("line").asInt()).isEqualTo(LINES);
        assertThat(lastAnswer.path("id").asString()).isEqualTo(last);
        assertThat(JSON.readTree(lines.get(LINES)).path("summary").path("lines").asInt()).isEqualTo(LINES);
        assertThat(JSON.readTree(lines.get(LINES)).path("summary").path("succeeded").asInt()).isEqualTo(2);
    }

    @Test
    void a_batch_cut_short_by_its_client_is_logged_with_how_far_it_got(CapturedOutput output) throws Exception {
        String id = id("CUT");
        byte[] line = (facility(id) + "\n").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("localhost", port)) {
            String credentials = Base64.getEncoder().encodeToString(
                    (TestUsers.TESTER.name() + ":" + TestUsers.TESTER.password()).getBytes(StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/batches HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + credentials
                    + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: 1000000\r\n\r\n")
                              .getBytes(StandardCharsets.US_ASCII));
            out.write(line);
            out.flush();
            Await.until("the line is recorded", Duration.ofSeconds(20),
                        () -> jdbc.sql("select count(*) from domain_event_entry where aggregate_identifier = ?")
                                  .param("facility/" + id).query(Long.class).single() == 1);
        }
        Await.until("the cut is logged", Duration.ofSeconds(20),
                    () -> output.getOut().contains("Batch cut short: its body could not be read after 1 lines (1 recorded"));
        assertThat(output.getOut()).as("logged once, as a warning, not as an unexpected failure")
                                   .doesNotContain("Unexpected failure");
    }

    private static String facility(String id) {
        return "{\"type\":\"facility\",\"id\":\"" + id + "\",\"name\":\"Bulk mine\",\"kind\":\"MINE\",\"country\":\"AU\"}";
    }

    /** Reads an HTTP/1.1 response and returns its body, decoding chunked transfer encoding. */
    private static String readResponse(InputStream in) throws IOException {
        String status = line(in);
        assertThat(status).startsWith("HTTP/1.1 200");
        boolean chunked = false;
        long length = -1;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(java.util.Locale.ROOT);
            chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(header.substring(header.indexOf(':') + 1).strip());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size = Integer.parseInt(line(in).strip(), 16); size > 0; size = Integer.parseInt(line(in).strip(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else if (length >= 0) {
            body.write(in.readNBytes((int) length));
        } else {
            in.transferTo(body);
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the answer ended early");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
