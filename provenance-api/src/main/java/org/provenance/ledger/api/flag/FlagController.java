package org.provenance.ledger.api.flag;

import org.provenance.ledger.api.read.ProjectionBarrier;
import org.provenance.ledger.api.web.Created;
import org.provenance.ledger.api.web.Csv;
import org.provenance.ledger.api.web.NotFoundException;
import org.provenance.ledger.api.write.LedgerWriter;
import org.provenance.ledger.api.write.WriteReceipt;
import org.provenance.ledger.common.FieldError;
import org.provenance.ledger.common.InvalidCommandException;
import org.provenance.ledger.flag.FlagType;
import org.provenance.ledger.flag.ReviewDecision;
import org.provenance.ledger.projections.flag.FlagQueries;
import org.provenance.ledger.projections.flag.FlagView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.provenance.ledger.api.docs.OpenApiConfiguration.BAD_REQUEST;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.CONFLICT;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.LOCATION;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.NOT_FOUND;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.RECORDED;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.UNSUPPORTED_MEDIA_TYPE;

@Tag(name = "Flags", description = "Purchases flagged by the policies, and compliance's reviews of them")
@RestController
@RequestMapping("/api/flags")
public class FlagController {

    public record ReviewRequest(ReviewDecision decision, String note) {
    }

    static final int MAX_PAGE_SIZE = 500;

    private final LedgerWriter writer;
    private final FlagWrites writes;
    private final FlagQueries flags;
    private final ProjectionBarrier barrier;

    public FlagController(LedgerWriter writer, FlagWrites writes, FlagQueries flags, ProjectionBarrier barrier) {
        this.writer = writer;
        this.writes = writes;
        this.flags = flags;
        this.barrier = barrier;
    }

    @Operation(operationId = "searchFlags", summary = "Search flags",
               description = "COMPLIANCE, AUDITOR or ADMIN. Filters combine; answers {items, page, size, total}, each "
                             + "flag with its whole review history (reviews). With Accept: text/csv, the same page "
                             + "as CSV (RFC 4180, a header row; X-Total-Count says how many match).")
    @ApiResponse(responseCode = "200", description = "A page of flags",
                 content = {@Content(mediaType = "application/json",
                                     schema = @Schema(implementation = FlagQueries.Page.class)),
                            @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = "string", description = "CSV (RFC 4180) with a header row"))})
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @GetMapping(produces = {"application/json", Csv.MEDIA_TYPE})
    public ResponseEntity<?> search(@Parameter(schema = @Schema(allowableValues = {"OPEN", "FALSE_POSITIVE", "ACCEPTED_RISK",
                                                                           "CONFIRMED", "WITHDRAWN"}))
                            @RequestParam(required = false) String status,
                            @Parameter(description = "A flag type, e.g. NON_BLOC_ORIGIN or PRICE_BELOW_FLOOR")
                            @RequestParam(required = false) String type,
                            @Parameter(description = "Flags on purchases by or from this facility")
                            @RequestParam(required = false) String facilityId,
                            @Parameter(description = "0 or more") @RequestParam(defaultValue = "0") int page,
                            @Parameter(description = "1 to 500") @RequestParam(defaultValue = "50") int size,
                            @Parameter(description = "Record time: the flags as the ledger knew them then (ISO-8601 "
                                                     + "instant), before any later correction or void; default now",
                                       example = "2026-12-20T00:00:00Z")
                            @RequestParam(required = false) Instant asKnownAt,
                            @Parameter(hidden = true) @RequestHeader(value = "Accept", required = false)
                            String accept) {
        // enum parameters are case-insensitive (SPEC 6)
        status = status == null ? null : status.toUpperCase(java.util.Locale.ROOT);
        type = type == null ? null : type.toUpperCase(java.util.Locale.ROOT);
        List<FieldError> errors = new ArrayList<>();
        if (status != null && !List.of("OPEN", "FALSE_POSITIVE", "ACCEPTED_RISK", "CONFIRMED", "WITHDRAWN")
                                   .contains(status)) {
            errors.add(new FieldError("status",
                                      "must be one of OPEN, FALSE_POSITIVE, ACCEPTED_RISK, CONFIRMED, WITHDRAWN"));
        }
        String wanted = type;
        if (type != null && java.util.Arrays.stream(FlagType.values()).noneMatch(t -> t.name().equals(wanted))) {
            errors.add(new FieldError("type", "must be one of " + java.util.Arrays.toString(FlagType.values())
                                                                                  .replaceAll("[\\[\\]]", "")));
        }
        if (page < 0) {
            errors.add(new FieldError("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.add(new FieldError("size", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        if (!errors.isEmpty()) {
            throw new InvalidCommandException(errors);
        }
        barrier.awaitAcknowledgedWrites();
        FlagQueries.Page result = flags.search(new FlagQueries.Filter(status, type, facilityId), page, size, asKnownAt);
        return Csv.wanted(accept) ? FlagCsv.of(result) : ResponseEntity.ok(result);
    }

    @Operation(operationId = "getFlag", summary = "A flag, with its evidence and reviews",
               description = "COMPLIANCE, AUDITOR or ADMIN. A flag's id is its subject's id and its type, "
                             + "e.g. T-2:PRICE_BELOW_FLOOR.")
    @ApiResponse(responseCode = "200", description = "The flag")
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @GetMapping("/{flagId}")
    public FlagView get(@PathVariable String flagId,
                        @Parameter(description = "Record time: the flag as the ledger knew it then; default now",
                                   example = "2026-12-20T00:00:00Z")
                        @RequestParam(required = false) Instant asKnownAt) {
        barrier.awaitAcknowledgedWrites();
        return (asKnownAt == null ? flags.find(flagId) : flags.findKnownAt(flagId, asKnownAt))
                .orElseThrow(() -> new NotFoundException("flag", flagId + (asKnownAt == null ? "" : " known at " + asKnownAt)));
    }

    /** Reviews are append-only: a later review of the same flag supersedes the earlier one's status. */
    @Operation(operationId = "reviewFlag", summary = "Review a flag",
               description = "COMPLIANCE. decision is FALSE_POSITIVE, ACCEPTED_RISK or CONFIRMED; the latest review "
                             + "decides the flag's status.",
               requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                       examples = @ExampleObject(name = "example", value = """
                               {"decision": "ACCEPTED_RISK",
                                "note": "Floor breach agreed with the buyer for this shipment"}"""))))
    @ApiResponse(responseCode = "201", description = RECORDED,
                 headers = @Header(name = "Location", description = LOCATION))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = CONFLICT)
    @ApiResponse(responseCode = "415", ref = UNSUPPORTED_MEDIA_TYPE)
    @PostMapping("/{flagId}/reviews")
    public ResponseEntity<WriteReceipt> review(@PathVariable String flagId, @RequestBody ReviewRequest request) {
        WriteReceipt receipt = writer.submit(writes.review(flagId, request));
        return Created.at("/api/flags/" + flagId, receipt);
    }
}
