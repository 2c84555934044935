package org.provenance.ledger.api.batch;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.provenance.ledger.api.bloc.BlocController;
import org.provenance.ledger.api.facility.FacilityController;
import org.provenance.ledger.api.flag.FlagController;
import org.provenance.ledger.api.input.InputRules;
import org.provenance.ledger.api.input.MalformedInputException;
import org.provenance.ledger.api.input.StrictJson;
import org.provenance.ledger.api.lot.LotController;
import org.provenance.ledger.api.security.Roles;
import org.provenance.ledger.api.transfer.TransferController;
import org.provenance.ledger.api.transformation.TransformationController;
import org.provenance.ledger.api.web.ProblemHandler;
import org.provenance.ledger.api.write.WriteReceipt;
import org.provenance.ledger.common.InvalidCommandException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
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
    private final StrictJson strict;
    private final ProblemHandler problems;
    private final FacilityController facilities;
    private final BlocController blocs;
    private final LotController lots;
    private final TransformationController transformations;
    private final TransferController transfers;
    private final FlagController flags;

    public BatchController(ObjectMapper json, StrictJson strict, ProblemHandler problems, FacilityController facilities,
                           BlocController blocs, LotController lots, TransformationController transformations,
                           TransferController transfers, FlagController flags) {
        this.json = json;
        this.strict = strict;
        this.problems = problems;
        this.facilities = facilities;
        this.blocs = blocs;
        this.lots = lots;
        this.transformations = transformations;
        this.transfers = transfers;
        this.flags = flags;
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
        try (AnswerSpool answers = new AnswerSpool()) {
            try (InputStream in = request.getInputStream()) {
                Lines reader = new Lines(in, InputRules.MAX_BODY_BYTES);
                byte[] text;
                while ((text = reader.next()) != null) {
                    if (text != Lines.TOO_LONG && isBlank(text)) {
                        continue;
                    }
                    lines++;
                    ObjectNode answer;
                    if (outage == null) {
                        answer = answer(lines, text);
                        if (isOutage(answer)) {
                            outage = answer.get("problem");
                        }
                    } else {
                        // Once the database is unreachable, each further line would wait out the pool's
                        // timeout in turn: a large batch would take hours to fail. The rest is answered
                        // at once with the same problem; resending the whole batch is harmless.
                        answer = json.createObjectNode().put("line", lines).put("status", 503);
                        answer.set("problem", outage);
                    }
                    if (answer.path("status").asInt() == 201) {
                        succeeded++;
                    }
                    json.writeValue(new NonClosing(answers), answer);
                    answers.write('\n');
                    if (System.nanoTime() - lastProgress > PROGRESS_EVERY_NANOS) {
                        lastProgress = System.nanoTime();
                        log.info("Batch in progress: {} lines, {} recorded, {} refused, {} lines/s", lines, succeeded,
                                 lines - succeeded, lines * 1_000_000_000L / (lastProgress - started));
                    }
                }
            } catch (IOException e) {
                // The client stopped sending (disconnected or timed out): what was applied stays applied.
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
     * The answer to one line: {line, status: 201, id, position} when recorded, {line, status,
     * problem} when refused. Runs with the caller's authentication (a batch job's is its submitter's).
     * A line of {@link Lines#TOO_LONG} (or null, as a batch job stores it) was longer than a body may be.
     */
    public ObjectNode answer(long line, byte[] text) {
        ObjectNode answer = json.createObjectNode().put("line", line);
        try {
            if (text == null || text == Lines.TOO_LONG) {
                throw new MalformedInputException(StrictJson.WHOLE_BODY,
                                                  "must be at most " + InputRules.MAX_BODY_BYTES + " bytes");
            }
            WriteReceipt receipt = apply(strict.readObject(text));
            answer.put("status", 201).put("id", receipt.id()).put("position", receipt.position());
        } catch (Exception e) {
            ProblemDetail problem = problems.problemFor(e);
            answer.put("status", problem.getStatus()).set("problem", json.valueToTree(problem));
        }
        return answer;
    }

    /** Whether a line's answer says the database could not be reached. */
    static boolean isOutage(JsonNode answer) {
        return answer.path("status").asInt() == 503
                && answer.path("problem").path("type").asString().equals("/problems/database-unavailable");
    }

    /**
     * A line is its single endpoint's body plus a type and the ids that endpoint takes from its
     * path; those are taken out first, so that what remains is read as strictly as the body.
     */
    private WriteReceipt apply(ObjectNode line) {
        String type = routing(line, "type");
        if (type == null || !TYPES.contains(type)) {
            throw InvalidCommandException.of("type", "must be one of " + String.join(", ", TYPES));
        }
        return switch (type) {
            case "facility" -> {
                Roles.require(Roles.ADMIN);
                yield facilities.register(strict.convert(line, FacilityController.FacilityRequest.class)).getBody();
            }
            case "bloc" -> {
                Roles.require(Roles.ADMIN);
                yield blocs.create(strict.convert(line, BlocController.BlocRequest.class)).getBody();
            }
            case "admission" -> {
                Roles.require(Roles.ADMIN);
                String blocId = required(line, "blocId");
                String country = required(line, "country");
                yield blocs.admit(blocId, country, strict.convert(line, BlocController.MembershipRequest.class))
                           .getBody();
            }
            case "departure" -> {
                Roles.require(Roles.ADMIN);
                String blocId = required(line, "blocId");
                String country = required(line, "country");
                yield blocs.end(blocId, country, strict.convert(line, BlocController.MembershipRequest.class))
                           .getBody();
            }
            case "price-floor" -> {
                Roles.require(Roles.ADMIN);
                String blocId = required(line, "blocId");
                String mineral = required(line, "mineral");
                String form = required(line, "form");
                yield blocs.priceFloor(blocId, mineral, form,
                                       strict.convert(line, BlocController.PriceFloorRequest.class)).getBody();
            }
            case "extraction" -> {
                Roles.require(Roles.OPERATOR);
                yield lots.extract(strict.convert(line, LotController.ExtractionRequest.class)).getBody();
            }
            case "registration" -> {
                Roles.require(Roles.OPERATOR);
                yield lots.register(strict.convert(line, LotController.RegistrationRequest.class)).getBody();
            }
            case "transformation" -> {
                Roles.require(Roles.OPERATOR);
                yield transformations.transform(
                        strict.convert(line, TransformationController.TransformationRequest.class)).getBody();
            }
            case "transfer" -> {
                Roles.require(Roles.OPERATOR);
                yield transfers.transfer(strict.convert(line, TransferController.TransferRequest.class)).getBody();
            }
            case "review" -> {
                Roles.require(Roles.COMPLIANCE);
                String flagId = required(line, "flagId");
                yield flags.review(flagId, strict.convert(line, FlagController.ReviewRequest.class)).getBody();
            }
            default -> throw new IllegalStateException("unrouted batch line type " + type);
        };
    }

    private static final List<String> TYPES = List.of("facility", "bloc", "admission", "departure", "price-floor",
                                                      "extraction", "registration", "transformation", "transfer",
                                                      "review");

    /** Takes a routing field out of the line; null when absent. The scan already refused control characters. */
    private static String routing(ObjectNode line, String field) {
        JsonNode value = line.remove(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new MalformedInputException(field, "must be a string");
        }
        return value.stringValue();
    }

    private static String required(ObjectNode line, String field) {
        String value = routing(line, field);
        if (value == null) {
            throw InvalidCommandException.of(field, "is required");
        }
        return value;
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
