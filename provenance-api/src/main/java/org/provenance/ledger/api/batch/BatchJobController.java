package org.provenance.ledger.api.batch;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import org.provenance.ledger.api.security.Roles;
import org.provenance.ledger.api.web.InvalidParameterException;
import org.provenance.ledger.api.web.NotFoundException;
import org.provenance.ledger.api.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.provenance.ledger.api.docs.BatchDocuments;

import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import static org.provenance.ledger.api.docs.OpenApiConfiguration.BAD_REQUEST;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.NOT_FOUND;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.UNSUPPORTED_MEDIA_TYPE;

/**
 * Large imports as jobs: the body is stored and the answer is 202 with the job's address at once;
 * the lines are applied in the background, exactly as a synchronous batch applies them, and the
 * job's progress and per-line answers are read later (the job shape follows EPCIS capture jobs,
 * SPEC 11). A job and its answers are its submitter's: another user gets 404 (an admin sees all).
 */
@Tag(name = "Batches")
@RestController
public class BatchJobController {

    private static final Logger log = LoggerFactory.getLogger(BatchJobController.class);
    static final String PATH = "/api/batch-jobs";
    /** Refused lines listed in a job's status; the rest are in its answers, filtered with failed=true. */
    private static final int ERRORS_IN_STATUS = 100;

    private final BatchJobStore store;
    private final BatchJobRunner runner;
    private final ObjectMapper json;

    public BatchJobController(BatchJobStore store, BatchJobRunner runner, ObjectMapper json) {
        this.store = store;
        this.runner = runner;
        this.json = json;
    }

    @Operation(operationId = "submitBatchJob", summary = "Store a batch and apply it in the background",
               description = "OPERATOR, ADMIN or COMPLIANCE. The body is a batch as for POST /api/batches; the lines "
                             + "are applied later with the submitter's roles. A job is read by its submitter (or an "
                             + "admin); to anyone else it is 404.",
               requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                       @Content(mediaType = "application/x-ndjson",
                                schema = @Schema(implementation = BatchDocuments.Line.class),
                                examples = @ExampleObject(name = "two lines", value = """
                                       {"type": "extraction", "lotId": "ORE-7", "mineId": "MINE-AU-1", "mineral": "REE", "form": "ore", "massKg": 800}
                                       {"type": "admission", "blocId": "ALLIES", "country": "NO", "effectiveFrom": "2026-06-01T00:00:00Z"}""")),
                       @Content(mediaType = "application/json",
                                schema = @Schema(implementation = BatchDocuments.Line.class))}))
    @ApiResponse(responseCode = "202", description = "Stored; follow the job at Location",
                 headers = @Header(name = "Location", description = "The job's status"),
                 content = @Content(schema = @Schema(implementation = BatchDocuments.Job.class)))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @ApiResponse(responseCode = "415", ref = UNSUPPORTED_MEDIA_TYPE)
    @PostMapping(path = PATH, consumes = {"application/x-ndjson", "application/json"})
    public ResponseEntity<Object> submit(HttpServletRequest request) throws IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String id = UUID.randomUUID().toString();
        BatchJobStore.Job job;
        try (InputStream body = request.getInputStream()) {
            job = store.create(id, auth.getName(),
                               auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList(), body);
        } catch (UncheckedIOException e) {
            // The client stopped sending: the transaction rolled back and no job exists. Said once, here;
            // the answer is a formality, nobody is left to read it.
            log.warn("Batch job not created: its body could not be read to the end ({})", e.getCause().getMessage());
            return Problems.respond(Problems.problem(HttpStatus.BAD_REQUEST, "connection-lost", "Connection lost",
                                                     "the request body could not be read to its end; no job was created"));
        }
        log.debug("Batch job {} submitted by {}: {} lines", id, job.submitter(), job.lines());
        runner.submit(id);
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(PATH + "/" + id))
                             .<Object>body(status(job));
    }

    @Operation(operationId = "getBatchJob", summary = "A batch job's progress and first refused lines")
    @ApiResponse(responseCode = "200", description = "The job",
                 content = @Content(schema = @Schema(implementation = BatchDocuments.Job.class)))
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @GetMapping(PATH + "/{id}")
    public JsonNode job(@PathVariable String id) {
        return status(readable(id));
    }

    /** The per-line answers so far, in line order: the synchronous batch's lines, paged. */
    @Operation(operationId = "getBatchJobAnswers", summary = "A batch job's per-line answers, in line order")
    @ApiResponse(responseCode = "200", description = "A page of answers",
                 content = @Content(schema = @Schema(implementation = BatchDocuments.AnswerPage.class)))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @GetMapping(PATH + "/{id}/answers")
    public JsonNode answers(@PathVariable String id,
                            @Parameter(description = "0 or more") @RequestParam(defaultValue = "0") int page,
                            @Parameter(description = "1 to 1000") @RequestParam(defaultValue = "500") int size,
                            @Parameter(description = "Only the refused lines")
                            @RequestParam(defaultValue = "false") boolean failed) {
        checkPage(page, size);
        readable(id);
        ObjectNode answer = json.createObjectNode();
        ArrayNode items = answer.putArray("items");
        store.answers(id, failed, page, size).forEach(text -> items.add(parse(text)));
        answer.put("page", page).put("size", size).put("total", store.answerCount(id, failed));
        return answer;
    }

    /** The caller's jobs, newest first (an admin's list has everyone's). */
    @Operation(operationId = "listBatchJobs", summary = "The caller's batch jobs, newest first",
               description = "An admin's list has everyone's.")
    @ApiResponse(responseCode = "200", description = "A page of jobs",
                 content = @Content(schema = @Schema(implementation = BatchDocuments.JobPage.class)))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @GetMapping(PATH)
    public JsonNode list(@Parameter(description = "0 or more") @RequestParam(defaultValue = "0") int page,
                         @Parameter(description = "1 to 1000") @RequestParam(defaultValue = "50") int size) {
        checkPage(page, size);
        String submitter = isAdmin() ? null : SecurityContextHolder.getContext().getAuthentication().getName();
        ObjectNode answer = json.createObjectNode();
        ArrayNode items = answer.putArray("items");
        store.list(submitter, page, size).forEach(job -> items.add(summary(job)));
        answer.put("page", page).put("size", size).put("total", store.count(submitter));
        return answer;
    }

    private BatchJobStore.Job readable(String id) {
        BatchJobStore.Job job = store.find(id).orElseThrow(() -> new NotFoundException("batch job", id));
        if (!isAdmin() && !job.submitter().equals(SecurityContextHolder.getContext().getAuthentication().getName())) {
            throw new NotFoundException("batch job", id);
        }
        return job;
    }

    private static boolean isAdmin() {
        return SecurityContextHolder.getContext().getAuthentication().getAuthorities().stream()
                                    .anyMatch(a -> a.getAuthority().equals("ROLE_" + Roles.ADMIN));
    }

    private ObjectNode summary(BatchJobStore.Job job) {
        ObjectNode node = json.createObjectNode();
        node.put("jobID", job.id());
        node.put("running", job.running());
        node.put("success", !job.running() && job.failed() == 0);
        node.put("submitter", job.submitter());
        node.put("submittedAt", job.submittedAt().toString());
        if (job.running()) {
            node.putNull("finishedAt");
        } else {
            node.put("finishedAt", job.finishedAt().toString());
        }
        node.put("lines", job.lines()).put("processed", job.processed()).put("succeeded", job.succeeded())
            .put("failed", job.failed());
        node.put("progress", job.lines() == 0 ? 1.0 : Math.floor(1000.0 * job.processed() / job.lines()) / 1000.0);
        node.put("answers", PATH + "/" + job.id() + "/answers");
        return node;
    }

    private ObjectNode status(BatchJobStore.Job job) {
        ObjectNode node = summary(job);
        ArrayNode errors = node.putArray("errors");
        store.answers(job.id(), true, 0, ERRORS_IN_STATUS).forEach(text -> errors.add(parse(text)));
        node.put("errorsTruncated", job.failed() > ERRORS_IN_STATUS);
        return node;
    }

    private JsonNode parse(String text) {
        return json.readTree(text);
    }

    private static void checkPage(int page, int size) {
        if (page < 0) {
            throw new InvalidParameterException("page", "must be 0 or more");
        }
        if (size < 1 || size > 1000) {
            throw new InvalidParameterException("size", "must be 1 to 1000");
        }
    }
}
