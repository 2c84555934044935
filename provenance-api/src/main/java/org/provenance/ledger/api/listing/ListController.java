package org.provenance.ledger.api.listing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.provenance.ledger.api.read.ProjectionBarrier;
import org.provenance.ledger.api.web.Csv;
import org.provenance.ledger.api.web.Json;
import org.provenance.ledger.facility.FacilityKind;
import org.provenance.ledger.projections.facility.FacilityView;
import org.provenance.ledger.projections.listing.ListQueries;
import org.provenance.ledger.projections.support.ListPage;
import org.provenance.ledger.projections.transfer.TransferView;
import org.provenance.ledger.lot.UnitPrice;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.provenance.ledger.api.docs.OpenApiConfiguration.BAD_REQUEST;

/** The lists of SPEC 6, as JSON pages or, with Accept: text/csv, as CSV with the same filters. */
@Tag(name = "Lists", description = "Facilities, lots and transfers, filtered and paged; CSV with Accept: text/csv")
@RestController
public class ListController {

    public record TransferItem(String id, String lotId, String fromFacilityId, String toFacilityId,
                               BigDecimal massKg, UnitPrice unitPrice, Instant occurredAt) {
    }

    private static final String CSV_NOTE = " With Accept: text/csv, the same page as CSV (RFC 4180, a header row; "
                                           + "X-Total-Count says how many match).";
    private static final String JSON = "application/json";

    private final ListQueries lists;
    private final ProjectionBarrier barrier;

    public ListController(ListQueries lists, ProjectionBarrier barrier) {
        this.lists = lists;
        this.barrier = barrier;
    }

    @Operation(operationId = "listFacilities", summary = "List facilities",
               description = "COMPLIANCE, AUDITOR or ADMIN. In id order; filters combine." + CSV_NOTE)
    @ApiResponse(responseCode = "200", description = "A page of facilities",
                 content = {@Content(mediaType = JSON, schema = @Schema(implementation = ListPage.class)),
                            @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = "string", description = "CSV (RFC 4180) with a header row"))})
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @GetMapping(path = "/api/facilities", produces = {JSON, Csv.MEDIA_TYPE})
    public ResponseEntity<?> facilities(@Parameter(description = "Facility id prefix") @RequestParam(required = false) String q,
                                 @Parameter(schema = @Schema(allowableValues = {"MINE", "PROCESSOR", "TRADER", "BUYER"}))
                                 @RequestParam(required = false) String kind,
                                 @Parameter(description = "ISO 3166-1 alpha-2") @RequestParam(required = false) String country,
                                 @Parameter(description = "0 or more") @RequestParam(defaultValue = "0") int page,
                                 @Parameter(description = "1 to 500") @RequestParam(defaultValue = "50") int size,
                                 @Parameter(hidden = true) @RequestHeader(value = "Accept", required = false) String accept) {
        ListParameters p = new ListParameters();
        var filter = new ListQueries.FacilityFilter(p.id("q", q), p.oneOf("kind", kind, FacilityKind.class),
                                                    p.country("country", country));
        p.page(page, size);
        p.check();
        barrier.awaitAcknowledgedWrites();
        ListPage<FacilityView> result = lists.facilities(filter, page, size);
        if (Csv.wanted(accept)) {
            return Csv.of(List.of("id", "name", "kind", "country", "ownerCountry"), result.items(),
                          f -> List.of(f.id(), f.name(), f.kind(), f.country(), nullable(f.ownerCountry())),
                          result.total());
        }
        return ResponseEntity.ok(result);
    }

    @Operation(operationId = "listLots", summary = "Search lots",
               description = "COMPLIANCE, AUDITOR or ADMIN. In id order; q is an id prefix; flagged=true keeps lots "
                             + "with an open flag on a purchase of them (false the others). openPurchaseFlags counts "
                             + "those flags." + CSV_NOTE)
    @ApiResponse(responseCode = "200", description = "A page of lots",
                 content = {@Content(mediaType = JSON, schema = @Schema(implementation = ListPage.class)),
                            @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = "string", description = "CSV (RFC 4180) with a header row"))})
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @GetMapping(path = "/api/lots", produces = {JSON, Csv.MEDIA_TYPE})
    public ResponseEntity<?> lots(@Parameter(description = "Lot id prefix") @RequestParam(required = false) String q,
                           @RequestParam(required = false) String custodianId,
                           @Parameter(description = "e.g. REE") @RequestParam(required = false) String mineral,
                           @Parameter(schema = @Schema(allowableValues = {"ACTIVE", "CONSUMED"}))
                           @RequestParam(required = false) String status,
                           @Parameter(schema = @Schema(allowableValues = {"true", "false"}))
                           @RequestParam(required = false) String flagged,
                           @Parameter(description = "0 or more") @RequestParam(defaultValue = "0") int page,
                           @Parameter(description = "1 to 500") @RequestParam(defaultValue = "50") int size,
                           @Parameter(hidden = true) @RequestHeader(value = "Accept", required = false) String accept) {
        ListParameters p = new ListParameters();
        p.require(mineral == null || (!mineral.isBlank() && mineral.length() <= 32), "mineral",
                  "must be 1 to 32 characters");
        var filter = new ListQueries.LotFilter(p.id("q", q), p.id("custodianId", custodianId), mineral,
                                               p.oneOf("status", status, List.of("ACTIVE", "CONSUMED")),
                                               p.bool("flagged", flagged));
        p.page(page, size);
        p.check();
        barrier.awaitAcknowledgedWrites();
        ListPage<ListQueries.LotSummary> result = lists.lots(filter, page, size);
        if (Csv.wanted(accept)) {
            return Csv.of(List.of("lotId", "mineral", "form", "initialMassKg", "remainingMassKg", "custodianId",
                                  "status", "createdBy", "createdAt", "openPurchaseFlags"), result.items(),
                          l -> List.of(l.lotId(), l.mineral(), l.form(), l.initialMassKg(), l.remainingMassKg(),
                                       l.custodianId(), l.status(), l.createdBy(), l.createdAt(),
                                       l.openPurchaseFlags()),
                          result.total());
        }
        return ResponseEntity.ok(result);
    }

    @Operation(operationId = "listTransfers", summary = "List transfers",
               description = "COMPLIANCE, AUDITOR or ADMIN. Newest first; facilityId matches seller or buyer; from "
                             + "is inclusive, to exclusive (instants, or dates meaning the start of the day UTC)."
                             + CSV_NOTE)
    @ApiResponse(responseCode = "200", description = "A page of transfers",
                 content = {@Content(mediaType = JSON, schema = @Schema(implementation = ListPage.class)),
                            @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = "string", description = "CSV (RFC 4180) with a header row"))})
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @GetMapping(path = "/api/transfers", produces = {JSON, Csv.MEDIA_TYPE})
    public ResponseEntity<?> transfers(@RequestParam(required = false) String lotId,
                                @RequestParam(required = false) String facilityId,
                                @Parameter(example = "2026-01-01") @RequestParam(required = false) Instant from,
                                @Parameter(example = "2027-01-01") @RequestParam(required = false) Instant to,
                                @Parameter(description = "0 or more") @RequestParam(defaultValue = "0") int page,
                                @Parameter(description = "1 to 500") @RequestParam(defaultValue = "50") int size,
                                @Parameter(hidden = true) @RequestHeader(value = "Accept", required = false) String accept) {
        ListParameters p = new ListParameters();
        var filter = new ListQueries.TransferFilter(p.id("lotId", lotId), p.id("facilityId", facilityId), from, to);
        p.require(from == null || to == null || from.isBefore(to), "to", "must be after from");
        p.page(page, size);
        p.check();
        barrier.awaitAcknowledgedWrites();
        ListPage<TransferView> result = lists.transfers(filter, page, size);
        if (Csv.wanted(accept)) {
            return Csv.of(List.of("id", "lotId", "fromFacilityId", "toFacilityId", "massKg", "unitPriceAmount",
                                  "unitPriceCurrency", "occurredAt"), result.items(),
                          t -> List.of(t.id(), t.lotId(), t.fromFacilityId(), t.toFacilityId(), t.massKg(),
                                       nullable(t.priceAmount()), nullable(t.priceCurrency()), t.occurredAt()),
                          result.total());
        }
        return ResponseEntity.ok(new ListPage<>(result.items().stream().map(ListController::item).toList(),
                                                result.page(), result.size(), result.total()));
    }

    private static TransferItem item(TransferView t) {
        UnitPrice price = t.priceAmount() == null ? null : new UnitPrice(Json.number(t.priceAmount()), t.priceCurrency());
        return new TransferItem(t.id(), t.lotId(), t.fromFacilityId(), t.toFacilityId(), Json.number(t.massKg()),
                                price, t.occurredAt());
    }

    /** List.of refuses nulls; an empty CSV field stands for an absent value. */
    static Object nullable(Object value) {
        return value == null ? "" : value;
    }
}
