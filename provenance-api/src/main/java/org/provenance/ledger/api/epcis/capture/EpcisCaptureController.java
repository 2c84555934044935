package org.provenance.ledger.api.epcis.capture;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import org.provenance.ledger.api.docs.OpenApiConfiguration;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.provenance.ledger.api.epcis.EpcisException;
import org.provenance.ledger.api.security.Roles;
import org.provenance.ledger.api.write.CurrentRequest;
import org.provenance.ledger.common.FieldError;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The EPCIS 2.0 capture interface (SPEC 11, openapi.yaml "Capture"): documents to /epcis/capture,
 * one event to /epcis/events. The body is read as a stream, not through the strict JSON converter:
 * a document can be far larger than a REST request, and the EPCIS schema, not a Java record, says
 * what it may hold.
 */
@Tag(name = "EPCIS capture", description = "GS1 EPCIS 2.0 capture (OPERATOR, for events at its facilities)")
@RestController
@RequestMapping("/epcis")
public class EpcisCaptureController {

    public static final String ERROR_BEHAVIOUR = "GS1-Capture-Error-Behaviour";
    public static final String CAPTURE_LIMIT = "GS1-EPCIS-Capture-Limit";
    public static final String FILE_SIZE_LIMIT = "GS1-EPCIS-Capture-File-Size-Limit";

    private final EpcisDocumentReader reader;
    private final EpcisCapture capture;
    private final CaptureJobs jobs;
    private final int captureLimit;
    private final long fileSizeLimit;

    public EpcisCaptureController(EpcisDocumentReader reader, EpcisCapture capture, CaptureJobs jobs,
                                  @Value("${ledger.epcis.capture-limit:50000}") int captureLimit,
                                  @Value("${ledger.epcis.capture-file-size-limit:67108864}") long fileSizeLimit) {
        this.reader = reader;
        this.capture = capture;
        this.jobs = jobs;
        this.captureLimit = captureLimit;
        this.fileSizeLimit = fileSizeLimit;
    }

    @Operation(operationId = "epcisCaptureDiscovery", summary = "What the capture interface accepts",
               description = "The limits (events per document, bytes per body) and the error behaviours.")
    @ApiResponse(responseCode = "204", description = "The capture interface's headers")
    @RequestMapping(path = "/capture", method = RequestMethod.OPTIONS)
    public ResponseEntity<Void> discovery() {
        return ResponseEntity.noContent().headers(limits()).header(HttpHeaders.ALLOW, "OPTIONS, GET, POST")
                             .header(ERROR_BEHAVIOUR, "rollback, proceed").build();
    }

    @Operation(operationId = "epcisCapture", summary = "Capture an EPCISDocument",
               description = "OPERATOR, for events at (or shipping out of) its facilities. The document is validated "
                             + "against the EPCIS 2.0 JSON schema as it streams in: not JSON or not valid is 400 and "
                             + "nothing is kept; more events than GS1-EPCIS-Capture-Limit or more bytes than "
                             + "GS1-EPCIS-Capture-File-Size-Limit is 413. Otherwise 202 with the job, which has "
                             + "finished when the answer comes: rollback (the default) keeps nothing of a document with "
                             + "a refused event; proceed keeps the others and lists the refused ones in errors.",
               requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                       mediaType = "application/ld+json",
                       schema = @Schema(type = "object", description = "An EPCISDocument (the EPCIS 2.0 JSON schema)"),
                       examples = @ExampleObject(name = "extraction", value = """
                               {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
                                             {"ledger": "urn:provenance-ledger:epcis:"}],
                                "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2027-03-01T08:00:00Z",
                                "epcisBody": {"eventList": [{"type": "ObjectEvent", "action": "ADD",
                                  "bizStep": "commissioning", "eventTime": "2027-03-01T08:00:00Z",
                                  "eventTimeZoneOffset": "+00:00", "bizLocation": {"id": "urn:epc:id:sgln:9520001.00001.0"},
                                  "epcList": [], "quantityList": [{"epcClass": "urn:epc:class:lgtin:9520001.012345.ORE-1",
                                  "quantity": 12.5, "uom": "TNE"}],
                                  "ilmd": {"ledger:mineral": "REE", "ledger:form": "ore"}}]}}"""))))
    @ApiResponse(responseCode = "202", description = "The capture job (Location: /epcis/capture/{captureID})")
    @ApiResponse(responseCode = "400", description = "Not JSON, or not a valid EPCIS 2.0 document: nothing was kept")
    @ApiResponse(responseCode = "413", description = "Beyond the capture limits")
    @ApiResponse(responseCode = "415", ref = OpenApiConfiguration.UNSUPPORTED_MEDIA_TYPE)
    @PostMapping(path = "/capture", consumes = {"application/json", "application/ld+json"})
    public ResponseEntity<Map<String, Object>> captureDocument(
            HttpServletRequest request,
            @Parameter(description = "rollback (default) or proceed")
            @RequestHeader(name = ERROR_BEHAVIOUR, required = false) String behaviourHeader) throws IOException {
        EpcisCapture.Behaviour behaviour = behaviour(behaviourHeader);
        EpcisCapture.Outcome outcome;
        try (EpcisDocumentReader.Spooled spooled = reader.readDocument(limited(request), captureLimit)) {
            outcome = capture.capture(spooled, behaviour);
        } catch (EpcisException e) {
            throw e.status() == 413 ? e.withHeaders(limits().toSingleValueMap()) : e;
        }
        CaptureJobs.Job job = jobs.find(outcome.captureId()).orElseThrow();
        return ResponseEntity.status(HttpStatus.ACCEPTED).headers(limits())
                             .location(URI.create("/epcis/capture/" + outcome.captureId())).body(job.body());
    }

    @Operation(operationId = "epcisCaptureEvent", summary = "Capture one EPCIS event",
               description = "OPERATOR. One event with its own @context, captured at once: 201 with the event as stored "
                             + "(Location: /epcis/events/{eventID}), or the refusal of the event or of the ledger write "
                             + "it maps to (400, 403, 409), with nothing kept.",
               requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                       mediaType = "application/ld+json",
                       schema = @Schema(type = "object", description = "One EPCIS 2.0 event with its @context"))))
    @ApiResponse(responseCode = "415", ref = OpenApiConfiguration.UNSUPPORTED_MEDIA_TYPE)
    @ApiResponse(responseCode = "201", description = "The event as stored")
    @ApiResponse(responseCode = "400", description = "Not a valid EPCIS 2.0 event")
    @PostMapping(path = "/events", consumes = {"application/json", "application/ld+json"})
    public ResponseEntity<Object> captureEvent(HttpServletRequest request) throws IOException {
        EpcisCapture.Outcome outcome;
        try (EpcisDocumentReader.Spooled spooled = reader.readEvent(limited(request))) {
            outcome = capture.capture(spooled, EpcisCapture.Behaviour.ROLLBACK);
        } catch (EpcisException e) {
            throw e.status() == 413 ? e.withHeaders(limits().toSingleValueMap()) : e;
        }
        if (!outcome.errors().isEmpty()) {
            Map<String, Object> error = outcome.errors().get(0);
            int status = ((Number) error.getOrDefault("status", 500)).intValue();
            throw new EpcisException(status, status == 403 ? "SecurityException" : "ValidationException",
                                     String.valueOf(error.get("detail")),
                                     List.of(new FieldError("event", String.valueOf(error.get("detail")))));
        }
        String eventId = outcome.storedEventIds().isEmpty() ? null : outcome.storedEventIds().get(0);
        if (eventId == null) {
            // Captured before: the same eventID is stored once.
            return ResponseEntity.ok(Map.of("captureID", outcome.captureId(), "duplicate", true));
        }
        return ResponseEntity.created(URI.create("/epcis/events/" + UriUtils.encodePathSegment(eventId, StandardCharsets.UTF_8)))
                             .body(Map.of("eventID", eventId, "captureID", outcome.captureId()));
    }

    @Operation(operationId = "epcisCaptureJob", summary = "A capture job",
               description = "Its submitter, COMPLIANCE, AUDITOR or ADMIN.")
    @ApiResponse(responseCode = "200", description = "The job")
    @ApiResponse(responseCode = "404", description = "No such job")
    @GetMapping("/capture/{captureID}")
    public Map<String, Object> job(@PathVariable("captureID") String captureId) {
        CaptureJobs.Job job = jobs.find(captureId)
                                  .filter(j -> seesAll() || j.submittedBy().equals(CurrentRequest.principal()))
                                  .orElseThrow(() -> EpcisException.notFound("no capture job " + captureId));
        return job.body();
    }

    @Operation(operationId = "epcisCaptureJobs", summary = "The capture jobs, newest first",
               description = "An operator sees its own; COMPLIANCE, AUDITOR and ADMIN every job. At most 100.")
    @ApiResponse(responseCode = "200", description = "The jobs")
    @GetMapping("/capture")
    public List<Map<String, Object>> jobs() {
        return jobs.list(seesAll() ? null : CurrentRequest.principal(), 100).stream().map(CaptureJobs.Job::body).toList();
    }

    private static boolean seesAll() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                                   .anyMatch(a -> a.equals("ROLE_" + Roles.COMPLIANCE) || a.equals("ROLE_" + Roles.AUDITOR)
                                                  || a.equals("ROLE_" + Roles.ADMIN));
    }

    private HttpHeaders limits() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(CAPTURE_LIMIT, Integer.toString(captureLimit));
        headers.set(FILE_SIZE_LIMIT, Long.toString(fileSizeLimit));
        return headers;
    }

    private static EpcisCapture.Behaviour behaviour(String header) {
        if (header == null || header.isBlank()) {
            return EpcisCapture.Behaviour.ROLLBACK;
        }
        return switch (header.strip().toLowerCase(Locale.ROOT)) {
            case "rollback" -> EpcisCapture.Behaviour.ROLLBACK;
            case "proceed" -> EpcisCapture.Behaviour.PROCEED;
            default -> throw EpcisException.validation(ERROR_BEHAVIOUR + " is rollback or proceed",
                                                       List.of(new FieldError(ERROR_BEHAVIOUR, "must be rollback or proceed")));
        };
    }

    /** The body, refused (413) once it passes the file size limit, whether or not it declared its length. */
    private InputStream limited(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > fileSizeLimit) {
            throw EpcisException.tooLarge("the body has " + declared + " bytes, more than " + fileSizeLimit
                                          + " (" + FILE_SIZE_LIMIT + ")");
        }
        long limit = fileSizeLimit;
        return new FilterInputStream(request.getInputStream()) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            private void count(int n) {
                read += n;
                if (read > limit) {
                    throw EpcisException.tooLarge("the body has more than " + limit + " bytes (" + FILE_SIZE_LIMIT + ")");
                }
            }
        };
    }
}
