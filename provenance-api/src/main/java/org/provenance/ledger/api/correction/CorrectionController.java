package org.provenance.ledger.api.correction;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.provenance.ledger.api.read.ProjectionBarrier;
import org.provenance.ledger.api.read.ProjectionLagException;
import org.provenance.ledger.api.web.Created;
import org.provenance.ledger.api.web.Csv;
import org.provenance.ledger.api.web.Json;
import org.provenance.ledger.api.web.NotFoundException;
import org.provenance.ledger.api.write.LedgerWriter;
import org.provenance.ledger.api.write.WriteReceipt;
import org.provenance.ledger.projections.correction.CorrectionProgress;
import org.provenance.ledger.projections.facility.FacilityProjection;
import org.provenance.ledger.projections.correction.CorrectionQueries;
import org.provenance.ledger.projections.correction.CorrectionQueries.FlagChange;
import org.provenance.ledger.projections.correction.CorrectionQueries.Holding;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.provenance.ledger.api.docs.OpenApiConfiguration.BAD_REQUEST;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.CONFLICT;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.LOCATION;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.NOT_FOUND;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.RECORDED;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.UNSUPPORTED_MEDIA_TYPE;

@Tag(name = "Corrections", description = "Facility corrections, transfer voids and recall reports (SPEC 12)")
@RestController
public class CorrectionController {

    public record Purchase(String transferId, String lotId, String buyerId, Instant occurredAt, List<String> raised,
                           List<String> changed, List<String> withdrawn) {
    }

    public record Flag(String flagId, String type, String transferId, String lotId, String buyerId, BigDecimal share) {
    }

    public record Holder(String facilityId, List<HeldLot> lots) {
    }

    public record HeldLot(String lotId, BigDecimal remainingMassKg) {
    }

    public record Progress(int lotsDone, int lotsTotal) {
    }

    public record RecallReport(String correctionId, String facilityId, Instant effectiveFrom, String country,
                               String ownerCountry, String reason, String principal, Instant recordedAt, String status,
                               Progress progress, Integer lotsRecomputed, Integer lotsChanged,
                               Integer purchasesEvaluated, List<String> affectedLots, List<Purchase> purchases,
                               List<Flag> flagsRaised, List<Flag> flagsChanged, List<Flag> flagsWithdrawn,
                               List<Holder> holders) {
    }

    private final LedgerWriter writer;
    private final CorrectionWrites writes;
    private final CorrectionQueries queries;
    private final CorrectionProgress progress;
    private final ProjectionBarrier barrier;
    private final FacilityProjection facilities;

    public CorrectionController(LedgerWriter writer, CorrectionWrites writes, CorrectionQueries queries,
                                CorrectionProgress progress, ProjectionBarrier barrier, FacilityProjection facilities) {
        this.facilities = facilities;
        this.writer = writer;
        this.writes = writes;
        this.queries = queries;
        this.progress = progress;
        this.barrier = barrier;
    }

    @Operation(operationId = "correctFacility", summary = "Correct a facility's country or controlling owner",
               description = "ADMIN. From effectiveFrom (business time) the facility was in country and/or owned from "
                             + "ownerCountry. Recorded as an event on the facility's stream; the lots downstream are "
                             + "recomputed and their purchases re-evaluated asynchronously (GET /api/corrections/{id}). "
                             + "A later correction corrects an earlier one from its own effectiveFrom.",
               requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                       examples = @ExampleObject(name = "owner", value = """
                               {"id": "CORR-1", "effectiveFrom": "2026-01-01T00:00:00Z", "ownerCountry": "CN",
                                "reason": "registry filing shows a Chinese parent company"}"""))))
    @ApiResponse(responseCode = "201", description = RECORDED,
                 headers = @Header(name = "Location", description = LOCATION))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = CONFLICT)
    @ApiResponse(responseCode = "415", ref = UNSUPPORTED_MEDIA_TYPE)
    @PostMapping("/api/facilities/{facilityId}/corrections")
    public ResponseEntity<WriteReceipt> correct(@PathVariable String facilityId,
                                                @RequestBody CorrectionWrites.CorrectionRequest request) {
        WriteReceipt receipt = writer.submit(writes.correctFacility(facilityId, request));
        return Created.at("/api/corrections/" + receipt.id(), receipt);
    }

    @Operation(operationId = "listFacilityCorrections", summary = "A facility's corrections",
               description = "COMPLIANCE, AUDITOR or ADMIN. In the order recorded, which is the order they apply in; "
                             + "each id leads to its recall report.")
    @ApiResponse(responseCode = "200", description = "The corrections, oldest first")
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @GetMapping("/api/facilities/{facilityId}/corrections")
    public List<CorrectionQueries.Correction> corrections(@PathVariable String facilityId) {
        barrier.awaitAcknowledgedWrites();
        facilities.find(facilityId).orElseThrow(() -> new NotFoundException("facility", facilityId));
        return queries.forFacility(facilityId);
    }

    @Operation(operationId = "voidTransfer", summary = "Void a transfer that did not happen",
               description = "COMPLIANCE, or the OPERATOR of the seller. Allowed while the buyer has not moved or used "
                             + "the lot since (409 moved-since otherwise: correct downstream first). The transfer is "
                             + "kept, shown as voided; its flags are withdrawn; custody is the seller's again.",
               requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                       examples = @ExampleObject(name = "void", value = """
                               {"reason": "shipment never left the mine"}"""))))
    @ApiResponse(responseCode = "201", description = RECORDED,
                 headers = @Header(name = "Location", description = LOCATION))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = CONFLICT)
    @ApiResponse(responseCode = "415", ref = UNSUPPORTED_MEDIA_TYPE)
    @PostMapping("/api/transfers/{transferId}/voids")
    public ResponseEntity<WriteReceipt> voidTransfer(@PathVariable String transferId,
                                                     @RequestBody CorrectionWrites.VoidRequest request) {
        WriteReceipt receipt = writer.submit(writes.voidTransfer(transferId, request));
        return Created.at("/api/transfers/" + receipt.id(), receipt);
    }

    @Operation(operationId = "getRecallReport", summary = "A correction's recall report",
               description = "COMPLIANCE, AUDITOR or ADMIN. The lots whose composition the correction changed, the "
                             + "purchases whose flags it raised, changed or withdrew, and the facilities holding "
                             + "affected material now. 202 with progress while this node is still recomputing. With "
                             + "Accept: text/csv, one row per flag change and per holding.")
    @ApiResponse(responseCode = "200", description = "The recall report", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = RecallReport.class)),
            @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "202", description = "Still recomputing: status RECOMPUTING with progress")
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @GetMapping(path = "/api/corrections/{correctionId}", produces = {"application/json", Csv.MEDIA_TYPE})
    public ResponseEntity<?> report(@PathVariable String correctionId,
                                    @Parameter(hidden = true) @RequestHeader(value = "Accept", required = false)
                                    String accept) {
        var running = progress.of(correctionId);
        if (running.isPresent()) {
            // A client that has just recorded the correction reads its own write: wait as any read
            // does, and answer the progress only if the recompute's batch is still not committed then.
            try {
                barrier.awaitAcknowledgedWrites();
                running = progress.of(correctionId);
            } catch (ProjectionLagException behind) {
                // still recomputing: the progress below is the truthful answer
            }
        }
        if (running.isPresent()) {
            var p = running.get();
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(new RecallReport(
                    correctionId, null, null, null, null, null, null, null, "RECOMPUTING",
                    new Progress(p.lotsDone(), p.lotsTotal()), null, null, null, List.of(), List.of(), List.of(),
                    List.of(), List.of(), List.of()));
        }
        barrier.awaitAcknowledgedWrites();
        CorrectionQueries.Report report = queries.report(correctionId)
                                                 .orElseThrow(() -> new NotFoundException("correction", correctionId));
        if (Csv.wanted(accept)) {
            List<List<?>> rows = new ArrayList<>();
            for (FlagChange f : report.flags()) {
                rows.add(List.of("FLAG", f.lotId(), f.transferId(), f.buyerId(), f.flagId(), f.type(), f.change(),
                                 f.share() == null ? "" : Json.number(f.share()).toPlainString(), ""));
            }
            for (Holding h : report.holdings()) {
                rows.add(List.of("HOLDING", h.lotId(), "", h.custodianId(), "", "", "", "",
                                 Json.number(h.remainingKg()).toPlainString()));
            }
            return Csv.of(List.of("record", "lotId", "transferId", "facilityId", "flagId", "type", "change", "share",
                                  "remainingMassKg"), rows, r -> r, rows.size());
        }
        return ResponseEntity.ok(json(report));
    }

    private static RecallReport json(CorrectionQueries.Report report) {
        var c = report.correction();
        Map<String, Purchase> purchases = new LinkedHashMap<>();
        List<Flag> raised = new ArrayList<>();
        List<Flag> changed = new ArrayList<>();
        List<Flag> withdrawn = new ArrayList<>();
        for (FlagChange f : report.flags()) {
            Purchase p = purchases.computeIfAbsent(f.transferId(), id -> new Purchase(
                    id, f.lotId(), f.buyerId(), f.occurredAt(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
            Flag flag = new Flag(f.flagId(), f.type(), f.transferId(), f.lotId(), f.buyerId(),
                                 f.share() == null ? null : Json.number(f.share()));
            switch (f.change()) {
                case "RAISED" -> { p.raised().add(f.type()); raised.add(flag); }
                case "CHANGED" -> { p.changed().add(f.type()); changed.add(flag); }
                default -> { p.withdrawn().add(f.type()); withdrawn.add(flag); }
            }
        }
        Map<String, Holder> holders = new LinkedHashMap<>();
        for (Holding h : report.holdings()) {
            holders.computeIfAbsent(h.custodianId(), id -> new Holder(id, new ArrayList<>()))
                   .lots().add(new HeldLot(h.lotId(), Json.number(h.remainingKg())));
        }
        var totals = report.totals();
        return new RecallReport(c.correctionId(), c.facilityId(), c.effectiveFrom(), c.country(), c.ownerCountry(),
                                c.reason(), c.principal(), c.recordedAt(), "COMPLETE", null,
                                totals == null ? null : totals.lotsRecomputed(),
                                totals == null ? null : totals.lotsChanged(),
                                totals == null ? null : totals.purchasesEvaluated(), report.affectedLots(),
                                List.copyOf(purchases.values()), raised, changed, withdrawn,
                                List.copyOf(holders.values()));
    }
}
