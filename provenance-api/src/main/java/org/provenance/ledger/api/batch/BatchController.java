package org.provenance.ledger.api.batch;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.provenance.ledger.api.input.InputRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.provenance.ledger.api.docs.BatchDocuments;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.provenance.ledger.api.docs.OpenApiConfiguration.UNSUPPORTED_MEDIA_TYPE;

/**
 * Bulk ingestion (NDJSON): one write per line, in order, with the same rules, permissions and
 * idempotency as the single endpoints. Per line, not all-or-nothing: a facility's day of
 * records should not be refused whole for one bad line, and the per-line answers say exactly
 * which lines to fix and resend (resending the good ones is harmless). Lines are read one at a
 * time and never held together in memory; answers are spooled and sent once the body is read.
 */
@Tag(name = "Batches", description = "Many writes in one request (NDJSON), at once or as a background job")
@RestController
public class BatchController {

    private static final Logger log = LoggerFactory.getLogger(BatchController.class);
    private static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;

    private final ObjectMapper json;
    private final BatchLines batchLines;

    public BatchController(ObjectMapper json, BatchLines batchLines) {
        this.json = json;
        this.batchLines = batchLines;
    }

    @Operation(operationId = "submitBatch", summary = "Apply writes line by line, answering each",
               description = "OPERATOR, ADMIN or COMPLIANCE; each line needs the role of its type. Lines are applied "
                             + "in order, each on its own (not all-or-nothing), with the single endpoints' rules and "
                             + "idempotency: resending a batch is harmless. The answer is NDJSON: one BatchAnswer per "
                             + "line, then a BatchSummary.",
               requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                       @Content(mediaType = "application/x-ndjson",
                                schema = @Schema(implementation = BatchDocuments.Line.class),
                                examples = @ExampleObject(name = "two lines", value = """
                                       {"type": "extraction", "lotId": "ORE-7", "mineId": "MINE-AU-1", "mineral": "REE", "form": "ore", "massKg": 800}
                                       {"type": "admission", "blocId": "ALLIES", "country": "NO", "effectiveFrom": "2026-06-01T00:00:00Z"}""")),
                       @Content(mediaType = "application/json",
                                schema = @Schema(implementation = BatchDocuments.Line.class))}))
    @ApiResponse(responseCode = "200", description = "One answer per line, then the summary",
                 content = @Content(mediaType = "application/x-ndjson", schema = @Schema(
                         oneOf = {BatchDocuments.Answer.class, BatchDocuments.Summary.class}),
                         examples = @ExampleObject(name = "answers", value = """
                                 {"line": 1, "status": 201, "id": "ORE-7", "position": 42}
                                 {"line": 2, "status": 409, "problem": {"type": "/problems/already-member", "title": "Conflicts with the ledger", "status": 409, "detail": "NO is already a member of ALLIES"}}
                                 {"summary": {"lines": 2, "succeeded": 1, "failed": 1}}""")))
    @ApiResponse(responseCode = "415", ref = UNSUPPORTED_MEDIA_TYPE)
    @PostMapping(path = "/api/batches", consumes = {"application/x-ndjson", "application/json"})
    public void batch(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long lines = 0;
        long succeeded = 0;
        long started = System.nanoTime();
        long lastProgress = started;
        JsonNode outage = null;
        // Answers are spooled until the whole body is read, then sent. Streamed back line by line, they
        // deadlocked with the many clients that send the whole body before reading (Python requests,
        // curl with a file): once the socket buffers filled, the ledger waited for the client to read
        // and the client for the ledger to read, until a timeout cut the answer with no summary.
        List<BatchLines.Line> chunk = new ArrayList<>(BatchLines.CHUNK);
        try (AnswerSpool answers = new AnswerSpool()) {
            try (InputStream in = request.getInputStream()) {
                Lines reader = new Lines(in, InputRules.MAX_BODY_BYTES);
                boolean ended = false;
                while (true) {
                    // A chunk goes when full, or as soon as the client has sent nothing more for now: a
                    // slow client's lines are applied as they come, a fast one's in groups of CHUNK.
                    byte[] text = null;
                    boolean read = !ended && (chunk.isEmpty() || (chunk.size() < BatchLines.CHUNK && reader.ready()));
                    if (read) {
                        text = reader.next();
                        ended = text == null;
                    }
                    if (!chunk.isEmpty() && text == null) {
                        // The last lines of the body go too, even when its end was already buffered.
                        for (ObjectNode answer : answer(chunk, outage)) {
                            if (outage == null && BatchLines.isOutage(answer)) {
                                outage = answer.get("problem");
                            }
                            if (answer.path("status").asInt() == 201) {
                                succeeded++;
                            }
                            json.writeValue(new NonClosing(answers), answer);
                            answers.write('\n');
                        }
                        chunk.clear();
                        continue;
                    }
                    if (ended) {
                        break;
                    }
                    if (text == Lines.TOO_LONG || !isBlank(text)) {
                        chunk.add(new BatchLines.Line(++lines, text));
                    }
                    if (System.nanoTime() - lastProgress > PROGRESS_EVERY_NANOS) {
                        lastProgress = System.nanoTime();
                        log.info("Batch in progress: {} lines, {} recorded, {} refused, {} lines/s", lines, succeeded,
                                 lines - succeeded, lines * 1_000_000_000L / (lastProgress - started));
                    }
                }
            } catch (IOException e) {
                // The client stopped sending (disconnected or timed out): what was applied stays applied,
                // and so do the lines read before the cut, as they did when each line was applied alone.
                if (outage == null && !chunk.isEmpty()) {
                    succeeded += batchLines.answerAll(chunk).stream()
                                           .filter(a -> a.path("status").asInt() == 201).count();
                }
                log.warn("Batch cut short: its body could not be read after {} lines ({} recorded, {} refused): {}",
                         lines, succeeded, lines - succeeded, e.getMessage());
                return;
            }
            ObjectNode summary = json.createObjectNode();
            summary.putObject("summary").put("lines", lines).put("succeeded", succeeded).put("failed", lines - succeeded);
            json.writeValue(new NonClosing(answers), summary);
            answers.write('\n');
            response.setStatus(200);
            response.setContentType("application/x-ndjson");
            response.setCharacterEncoding("UTF-8");
            try {
                OutputStream out = response.getOutputStream();
                answers.sendTo(out);
                out.flush();
            } catch (IOException e) {
                log.warn("Batch of {} lines applied ({} recorded, {} refused) but its answer could not be sent: {}",
                         lines, succeeded, lines - succeeded, e.getMessage());
                return;
            }
        }
        if (lines >= 1000) {
            log.info("Batch done: {} lines, {} recorded, {} refused in {} ms", lines, succeeded, lines - succeeded,
                     (System.nanoTime() - started) / 1_000_000);
        }
    }

    /**
     * Once the database is unreachable, each further line would wait out the pool's timeout in
     * turn: a large batch would take hours to fail. The rest is answered at once with the same
     * problem; resending the whole batch is harmless.
     */
    private List<ObjectNode> answer(List<BatchLines.Line> chunk, JsonNode outage) {
        if (outage == null) {
            return batchLines.answerAll(chunk);
        }
        List<ObjectNode> answers = new ArrayList<>(chunk.size());
        for (BatchLines.Line line : chunk) {
            ObjectNode answer = json.createObjectNode().put("line", line.number()).put("status", 503);
            answer.set("problem", outage);
            answers.add(answer);
        }
        return answers;
    }

    static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Jackson closes the stream it writes to; the response stream must stay open for the next line. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
