package org.provenance.ledger.api.report;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.provenance.ledger.api.read.ProjectionBarrier;
import org.provenance.ledger.common.FieldError;
import org.provenance.ledger.common.InvalidCommandException;
import org.provenance.ledger.projections.facility.FacilityProjection;
import org.provenance.ledger.projections.report.UpstreamFacilities;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.provenance.ledger.api.docs.OpenApiConfiguration.BAD_REQUEST;

/**
 * The smelter and refiner list of a buyer's supply (SPEC 13): every processing facility upstream
 * of what the buyer received in a period, in the columns of the RMI CMRT/EMRT "Smelter List"
 * (docs/DESIGN.md, "Smelter report: CMRT/EMRT columns"), as JSON or CSV.
 */
@Tag(name = "Reports", description = "Reports for compliance filings: smelter lists, due-diligence reports")
@RestController
public class SmelterReportController {

    /** The CSV header: the CMRT/EMRT smelter list's columns first, then the ledger's own. */
    static final List<String> COLUMNS = List.of(
            "Metal", "Smelter Name", "Smelter Country", "Smelter Identification",
            "Source of Smelter Identification Number", "Facility Id", "Stage", "Owner Country", "Mass (kg)",
            "Share of Received Mass", "Purchases");

    private final UpstreamFacilities upstream;
    private final FacilityProjection facilities;
    private final ProjectionBarrier barrier;

    public SmelterReportController(UpstreamFacilities upstream, FacilityProjection facilities, ProjectionBarrier barrier) {
        this.upstream = upstream;
        this.facilities = facilities;
        this.barrier = barrier;
    }

    @Operation(operationId = "smelterReport", summary = "The processing facilities upstream of a buyer's purchases",
               description = "COMPLIANCE, AUDITOR or ADMIN. For the material the buyer received in [from, to): every "
                             + "upstream processing facility (separation plant, refiner, smelter, magnet maker...) "
                             + "with country, owner country, stage, mineral and the share of the received mass that "
                             + "went through it. With Accept: text/csv, CSV (RFC 4180) in the CMRT/EMRT smelter "
                             + "list's columns.")
    @ApiResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = UpstreamFacilities.SmelterReport.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @GetMapping(value = "/api/reports/smelters", produces = "application/json")
    public UpstreamFacilities.SmelterReport smelters(
            @Parameter(description = "The buying facility", required = true, example = "DEMO-BUY-US-2")
            @RequestParam(required = false) String buyerId,
            @Parameter(description = "First instant of the period (ISO-8601, or a date: its start, UTC); "
                                     + "default: the beginning")
            @RequestParam(required = false) Instant from,
            @Parameter(description = "End of the period, excluded; default now")
            @RequestParam(required = false) Instant to) {
        return report(buyerId, from, to);
    }

    @GetMapping(value = "/api/reports/smelters", produces = "text/csv")
    public String smeltersCsv(@RequestParam(required = false) String buyerId,
                              @RequestParam(required = false) Instant from,
                              @RequestParam(required = false) Instant to) {
        Csv csv = new Csv().row(COLUMNS);
        for (UpstreamFacilities.SmelterRow row : report(buyerId, from, to).facilities()) {
            csv.row(java.util.Arrays.asList(row.mineral(), row.name(), row.country(),
                                            row.externalId() == null ? null : row.externalId().value(),
                                            row.externalId() == null ? null : row.externalId().scheme(),
                                            row.facilityId(), row.stage(), row.ownerCountry(),
                                            row.massKg().toPlainString(), row.share().toPlainString(),
                                            row.purchases()));
        }
        return csv.toString();
    }

    private UpstreamFacilities.SmelterReport report(String buyerId, Instant from, Instant to) {
        Instant start = from == null ? Instant.EPOCH : from;
        Instant end = to == null ? Instant.now() : to;
        List<FieldError> errors = new ArrayList<>();
        if (buyerId == null || buyerId.isBlank()) {
            errors.add(new FieldError("buyerId", "is required: the facility whose purchases are reported"));
        }
        if (!end.isAfter(start)) {
            errors.add(new FieldError("to", "must be after from"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidCommandException(errors);
        }
        barrier.awaitAcknowledgedWrites();
        if (facilities.find(buyerId).isEmpty()) {
            throw new InvalidCommandException(List.of(new FieldError("buyerId", "no such facility: " + buyerId)));
        }
        return upstream.report(buyerId, start, end);
    }
}
