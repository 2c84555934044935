package org.provenance.ledger.audit.server;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.JsonNodeFactory;
import jakarta.servlet.http.HttpServletResponse;
import org.provenance.ledger.audit.chain.ChainHash;
import org.provenance.ledger.audit.chain.Checkpoint;
import org.provenance.ledger.audit.chain.Ed25519Keys;
import org.provenance.ledger.audit.chain.EventRow;
import org.provenance.ledger.audit.chain.ExportFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The auditor's view (SPEC 9): verification, signed checkpoints, the chained event feed and exports.
 * Error responses name the application's shared problem responses ({@link #BAD_REQUEST}); the
 * application, which owns the OpenAPI document, defines them.
 */
@Tag(name = "Audit", description = "The hash chain over every event: verification, signed checkpoints, feed, export "
                                   + "(AUDITOR)")
@RestController
@RequestMapping("/api/audit")
public class AuditController {

    static final int MAX_LIMIT = 1000;
    /** The application's OpenAPI components/responses entry for a 400 problem. */
    static final String BAD_REQUEST = "BadRequest";
    static final String PEM_MEDIA_TYPE = "application/x-pem-file";

    /**
     * One chained event. {@code payload} and {@code metadata} are the stored JSON, parsed for reading;
     * to recompute hashes use the export, which carries the exact bytes.
     */
    public record FeedEvent(long position, String hash, String eventId, String aggregateType, String streamId,
                            long sequence, String timestamp, String type, String payloadType, JsonNode metadata,
                            JsonNode payload) {
    }

    /** @param next the {@code after} of the next page; equal to {@code after} when there is nothing newer yet */
    public record Feed(long after, int limit, long next, long chainHead, List<FeedEvent> items) {
    }

    public record PublicKeyResponse(String algorithm, String keyId, String format, String publicKey, String pem) {
    }

    private final AuditChainStore store;
    private final ChainVerifier verifier;
    private final SigningKey signingKey;
    private final AuditExport export;
    private final ObjectReader json;
    private final TamperAlarm alarm;

    public AuditController(AuditChainStore store, ChainVerifier verifier, SigningKey signingKey, AuditExport export,
                           ObjectMapper json, TamperAlarm alarm) {
        this.store = store;
        this.alarm = alarm;
        this.verifier = verifier;
        this.signingKey = signingKey;
        this.export = export;
        this.json = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    @Operation(operationId = "verifyAuditChain", summary = "Verify the hash chain against the stored events",
               description = "AUDITOR. Recomputes every link; a tampered, missing or reordered event is reported "
                             + "with its position.")
    @ApiResponse(responseCode = "200", description = "The verification report")
    @GetMapping("/verify")
    ChainVerifier.Report verify() {
        return verifier.verify();
    }

    @Operation(operationId = "getAuditCheckpoint", summary = "A signed checkpoint of the chain head",
               description = "AUDITOR. Ed25519 over the head's position and hash; keep it to prove later that "
                             + "history up to it was not rewritten.")
    @ApiResponse(responseCode = "200", description = "The checkpoint")
    @GetMapping("/checkpoint")
    Checkpoint checkpoint() {
        AuditChainStore.Head head = store.head();
        return signingKey.checkpoint(head.position(), head.hash(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** JSON by default; the bare PEM when asked for application/x-pem-file (what openssl reads). */
    @Operation(operationId = "getAuditPublicKey", summary = "The checkpoint signing key",
               description = "AUDITOR. JSON by default; the bare PEM with Accept: application/x-pem-file.")
    @ApiResponse(responseCode = "200", description = "The public key", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = PublicKeyResponse.class)),
            @Content(mediaType = PEM_MEDIA_TYPE, schema = @Schema(type = "string"))})
    @GetMapping("/public-key")
    ResponseEntity<?> publicKey(@RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        String pem = Ed25519Keys.pem(signingKey.publicKey());
        if (accept != null && accept.contains(PEM_MEDIA_TYPE)) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType(PEM_MEDIA_TYPE)).body(pem);
        }
        return ResponseEntity.ok(new PublicKeyResponse(Ed25519Keys.ALGORITHM, signingKey.keyId(),
                                                       "X.509 SubjectPublicKeyInfo, DER, base64",
                                                       Ed25519Keys.base64(signingKey.publicKey()), pem));
    }

    /**
     * Chained events only: the chain is final and in global order, so a client paging with
     * {@code after=next} never misses an event that committed late into a lower position.
     */
    @Operation(operationId = "getAuditEvents", summary = "The chained events after a position",
               description = "AUDITOR. Page with after=next; an empty page means nothing newer is chained yet.")
    @ApiResponse(responseCode = "200", description = "A page of chained events")
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @GetMapping("/events")
    Feed events(@Parameter(description = "A global position; events after it")
                @RequestParam(defaultValue = "0") long after,
                @Parameter(description = "At least 1; more than " + MAX_LIMIT + " is capped")
                @RequestParam(defaultValue = "100") int limit) {
        if (after < 0) {
            throw new InvalidAuditParameterException("after", "must be 0 or a global position");
        }
        if (limit < 1) {
            throw new InvalidAuditParameterException("limit", "must be at least 1");
        }
        int capped = Math.min(limit, MAX_LIMIT);
        long head = store.head().position();
        List<FeedEvent> items = new ArrayList<>(Math.min(capped, 100));
        long[] next = {after};
        store.chained(after, head, capped, (entry, event) -> {
            next[0] = entry.position();
            if (event != null) {
                items.add(feedEvent(entry, event));
            }
        });
        return new Feed(after, capped, next[0], head, items);
    }

    /**
     * NDJSON of the events after {@code after} up to {@code until} (default: the last event), with everything
     * needed to recompute their hashes offline (docs/AUDIT.md, "Export format"). Rows the chain does not
     * vouch for (forged, inserted into a skipped gap, not chained yet) are included and marked.
     */
    @Operation(operationId = "exportAuditChain", summary = "Export the chained events for offline verification",
               description = "AUDITOR. NDJSON with the exact stored bytes and hashes; check it with "
                             + "java -jar provenance-verify.jar (docs/AUDIT.md, \"Export format\").")
    @ApiResponse(responseCode = "200", description = "The export, as an attachment",
                 headers = @Header(name = "Content-Disposition", description = "ledger-export-{after}-{until}.ndjson"),
                 content = @Content(mediaType = ExportFormat.MEDIA_TYPE, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @GetMapping("/export")
    void export(@Parameter(description = "A global position; events after it")
                @RequestParam(defaultValue = "0") long after,
                @Parameter(description = "The last position to include; default the last event")
                @RequestParam(required = false) Long until,
                HttpServletResponse response) throws IOException {
        if (after < 0) {
            throw new InvalidAuditParameterException("after", "must be 0 or a global position");
        }
        if (until != null && until < after) {
            throw new InvalidAuditParameterException("until", "must not be before after");
        }
        // Everything the event table holds, chained or not: what the chain does not vouch for is marked.
        long latest = Math.max(store.head().position(), store.latestEventPosition());
        long last = Math.max(after, until == null ? latest : Math.min(until, latest));
        response.setStatus(200);
        response.setContentType(ExportFormat.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                           "attachment; filename=\"ledger-export-" + after + "-" + last + ".ndjson\"");
        export.write(after, last, response.getOutputStream());
    }

    /** @param findings tampering found by this node and not yet acknowledged; writes to their streams are refused */
    public record Alarm(boolean raised, List<TamperAlarm.Finding> findings) {
    }

    @Operation(operationId = "getAuditAlarm", summary = "Tampering found by the background verifier",
               description = "AUDITOR. The findings this node raised and nobody acknowledged yet: while there is "
                             + "one, readiness is DOWN and writes to the affected streams answer 503 tampered-stream.")
    @GetMapping("/alarm")
    public Alarm alarm() {
        List<TamperAlarm.Finding> findings = alarm.active();
        return new Alarm(!findings.isEmpty(), findings);
    }

    @Operation(operationId = "acknowledgeAuditAlarm", summary = "Acknowledge the tampering findings",
               description = "ADMIN. Clears this node's findings (answering the ones cleared): writes to their "
                             + "streams are taken again and readiness comes back UP. The same findings are not "
                             + "raised again by this node; the rows stay as they are, and verify keeps reporting "
                             + "them until they are dealt with (docs/AUDIT.md, \"Continuous verification\").")
    @PostMapping("/alarm/acknowledgement")
    public Alarm acknowledge(java.security.Principal principal) {
        List<TamperAlarm.Finding> cleared = alarm.acknowledge(principal == null ? "unknown" : principal.getName());
        return new Alarm(false, cleared);
    }

    @ExceptionHandler(InvalidAuditParameterException.class)
    ResponseEntity<ProblemDetail> invalidParameter(InvalidAuditParameterException e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(e.problem());
    }

    private FeedEvent feedEvent(ChainEntry entry, EventRow event) {
        return new FeedEvent(event.position(), ChainHash.hex(entry.hash()), event.eventId(), event.aggregateType(),
                             event.aggregateId(), event.sequence(), event.timestamp(), simpleName(event.payloadType()),
                             event.payloadType(), read(event.metadata()), read(event.payload()));
    }

    /** Stored JSON for reading; bytes that are not JSON (a damaged row) are shown as base64 rather than hidden. */
    private JsonNode read(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return json.readTree(bytes);
        } catch (JacksonException e) {
            return JsonNodeFactory.instance.objectNode().put("base64", Base64.getEncoder().encodeToString(bytes));
        }
    }

    private static String simpleName(String className) {
        String name = className.substring(className.lastIndexOf('.') + 1);
        return name.substring(name.lastIndexOf('$') + 1);
    }
}
