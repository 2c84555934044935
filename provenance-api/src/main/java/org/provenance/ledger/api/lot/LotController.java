package org.provenance.ledger.api.lot;

import org.provenance.ledger.api.read.ProjectionBarrier;
import org.provenance.ledger.api.web.Created;
import org.provenance.ledger.api.web.Json;
import org.provenance.ledger.api.web.NotFoundException;
import org.provenance.ledger.api.write.LedgerWriter;
import org.provenance.ledger.api.write.WriteReceipt;
import org.provenance.ledger.common.InvalidCommandException;
import org.provenance.ledger.common.StreamIds;
import org.provenance.ledger.composition.Exposure;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.provenance.ledger.lot.LotEvent;
import org.provenance.ledger.lot.LotHistory;
import org.provenance.ledger.projections.bloc.BlocProjection;
import org.provenance.ledger.projections.composition.CompositionProjection;
import org.provenance.ledger.projections.history.EventHistoryQueries;
import org.provenance.ledger.projections.history.StoredEvent;
import org.provenance.ledger.projections.lot.Lineage;
import org.provenance.ledger.projections.lot.LineageQueries;
import org.provenance.ledger.projections.lot.LotQueries;
import org.provenance.ledger.projections.lot.LotView;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
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

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.provenance.ledger.api.docs.OpenApiConfiguration.BAD_REQUEST;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.CONFLICT;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.LOCATION;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.NOT_FOUND;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.RECORDED;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.UNSUPPORTED_MEDIA_TYPE;

@Tag(name = "Lots", description = "Lots: extraction, registration, composition and exposure, lineage, raw events")
@RestController
@RequestMapping("/api/lots")
public class LotController {

    public record ExtractionRequest(String lotId, String mineId, String mineral, String form, BigDecimal massKg,
                                    Instant occurredAt) {
    }

    public record RegistrationRequest(String lotId, String custodianId, String mineral, String form, BigDecimal massKg,
                                      String declaredOrigin, Instant occurredAt) {
    }

    public record LotResponse(String lotId, String mineral, String form, BigDecimal initialMassKg,
                              BigDecimal remainingMassKg, String custodianId, String status, String createdBy,
                              String sourceId, String declaredOrigin, Instant createdAt, List<String> parentLotIds,
                              List<String> childLotIds, List<CompositionResponse.RouteShare> composition,
                              CompositionResponse.ExposureView exposure) {
    }

    public record EventResponse(long position, long sequence, String type, Instant timestamp, String principal,
                                String correlationId, String requestId, Object payload) {
    }

    public record EventHistory(String lotId, List<EventResponse> events) {
    }

    private final LedgerWriter writer;
    private final LotQueries lots;
    private final EventHistoryQueries history;
    private final ProjectionBarrier barrier;
    private final BlocProjection blocs;
    private final LineageQueries lineage;
    private final String homeBloc;
    private final EventStore eventStore;
    private final LotWrites writes;
    private final CompositionProjection compositions;

    public LotController(LedgerWriter writer, LotQueries lots, EventHistoryQueries history, ProjectionBarrier barrier,
                         BlocProjection blocs, LineageQueries lineage,
                         @Value("${ledger.home-bloc}") String homeBloc, EventStore eventStore,
                         LotWrites writes, CompositionProjection compositions) {
        this.compositions = compositions;
        this.eventStore = eventStore;
        this.writes = writes;
        this.writer = writer;
        this.lots = lots;
        this.history = history;
        this.barrier = barrier;
        this.blocs = blocs;
        this.lineage = lineage;
        this.homeBloc = homeBloc;
    }

    @Operation(operationId = "extractLot", summary = "Record a lot extracted at a mine",
               description = "OPERATOR of the mine. massKg is positive with at most 6 decimals; occurredAt defaults "
                             + "to now.",
               requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                       examples = @ExampleObject(name = "example", value = """
                               {"lotId": "ORE-1", "mineId": "MINE-AU-1", "mineral": "REE", "form": "ore",
                                "massKg": 1200, "occurredAt": "2026-03-01T08:00:00Z"}"""))))
    @ApiResponse(responseCode = "201", description = RECORDED,
                 headers = @Header(name = "Location", description = LOCATION))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = CONFLICT)
    @ApiResponse(responseCode = "415", ref = UNSUPPORTED_MEDIA_TYPE)
    @PostMapping("/extractions")
    public ResponseEntity<WriteReceipt> extract(@RequestBody ExtractionRequest request) {
        WriteReceipt receipt = writer.submit(writes.extract(request));
        return Created.at("/api/lots/" + receipt.id(), receipt);
    }

    @Operation(operationId = "registerLot", summary = "Register a lot of known or declared origin",
               description = "OPERATOR of the custodian: material entering the ledger somewhere other than a mine. "
                             + "declaredOrigin (ISO 3166-1 alpha-2) is optional; without it the origin is UNKNOWN.",
               requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                       examples = @ExampleObject(name = "example", value = """
                               {"lotId": "CONC-1", "custodianId": "SEP-EE-1", "mineral": "REE",
                                "form": "concentrate", "massKg": 500, "declaredOrigin": "MM"}"""))))
    @ApiResponse(responseCode = "201", description = RECORDED,
                 headers = @Header(name = "Location", description = LOCATION))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = CONFLICT)
    @ApiResponse(responseCode = "415", ref = UNSUPPORTED_MEDIA_TYPE)
    @PostMapping("/registrations")
    public ResponseEntity<WriteReceipt> register(@RequestBody RegistrationRequest request) {
        WriteReceipt receipt = writer.submit(writes.register(request));
        return Created.at("/api/lots/" + receipt.id(), receipt);
    }

    /**
     * The lot now, or as it stood at asOf (business time): custodian and remaining mass folded
     * from its own events up to that instant, exposure against the bloc's membership then.
     */
    @Operation(operationId = "getLot", summary = "A lot, its composition and exposure, now or as of an instant",
               description = "Every role. Mass, custodian, status, parent and child lots, composition by route, and "
                             + "the non-bloc and unknown shares against the home bloc.")
    @ApiResponse(responseCode = "200", description = "The lot", content = @Content(
            schema = @Schema(implementation = LotResponse.class), examples = @ExampleObject(name = "oxide", value = """
                    {"lotId": "OXIDE-1", "mineral": "REE", "form": "oxide", "initialMassKg": 120,
                     "remainingMassKg": 120, "custodianId": "SEP-EE-1", "status": "ACTIVE", "createdBy": "X-1",
                     "sourceId": "X-1", "declaredOrigin": null, "createdAt": "2026-03-04T10:00:00Z",
                     "parentLotIds": ["ORE-1"], "childLotIds": [],
                     "composition": [{"origin": "AU", "stages": {"MINING": ["AU"], "SEPARATION": ["EE"]},
                                      "control": [], "share": 1}],
                     "exposure": {"blocId": "ALLIES", "asOf": "2026-03-05T00:00:00Z", "nonBlocOriginShare": 0,
                                  "nonBlocProcessingShare": 0, "nonBlocControlShare": 0, "unknownShare": 0}}""")))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @GetMapping("/{lotId}")
    public LotResponse get(@PathVariable String lotId,
                    @Parameter(description = "Business time to read the lot at (ISO-8601 instant); default now",
                               example = "2026-03-05T00:00:00Z")
                    @RequestParam(required = false) Instant asOf,
                    @Parameter(description = "Record time: the lot as the ledger knew it then (ISO-8601 instant), "
                                             + "before any later correction or void; default now",
                               example = "2026-12-20T00:00:00Z")
                    @RequestParam(required = false) Instant asKnownAt) {
        barrier.awaitAcknowledgedWrites();
        // One query for the lot and its composition; the bloc's calendar from BlocProjection's cache.
        LotQueries.LotRead read = lots.findWithComposition(lotId).orElseThrow(() -> new NotFoundException("lot", lotId));
        LotView lot = read.lot();
        Instant at = asOf == null ? Instant.now() : asOf;
        var composition = read.composition();
        if (asKnownAt != null) {
            composition = compositions.findKnownAt(lotId, asKnownAt)
                                      .orElseThrow(() -> new NotFoundException("lot", lotId + " known at " + asKnownAt))
                                      .composition();
        }
        Exposure exposure = Exposure.of(composition, blocs.calendar(homeBloc).at(at));
        var routes = CompositionResponse.routes(composition);
        var exposed = CompositionResponse.exposure(homeBloc, at, exposure);
        if (asOf == null && asKnownAt == null) {
            return new LotResponse(lot.lotId(), lot.mineral(), lot.form(), Json.number(lot.initialMassKg()),
                                   Json.number(lot.remainingMassKg()), lot.custodianId(), lot.status(),
                                   lot.createdBy(), lot.sourceId(), lot.declaredOrigin(), lot.createdAt(),
                                   lot.parentLotIds(), lot.childLotIds(), routes, exposed);
        }
        // Record time cuts the stream by when each event was appended (a void appended later is not known before it).
        List<LotEvent> events = eventStore.readEvents(StreamIds.lot(lotId)).asStream()
                                          .filter(e -> asKnownAt == null || !e.getTimestamp().isAfter(asKnownAt))
                                          .map(e -> (LotEvent) e.getPayload()).toList();
        LotHistory then = LotHistory.asOf(events, at)
                                    .orElseThrow(() -> new NotFoundException("lot", lotId + " at " + at));
        return new LotResponse(lotId, then.mineral(), then.form(), Json.number(then.initialKg()),
                               Json.number(then.remainingKg()), then.custodianId(), then.status(), lot.createdBy(),
                               lot.sourceId(), lot.declaredOrigin(), then.createdAt(), lot.parentLotIds(),
                               lots.outputsOf(then.transformationsConsumedIn()), routes, exposed);
    }

    /** Upstream (where the lot came from) or downstream (what was made of it), optionally limited in depth. */
    @Operation(operationId = "getLineage", summary = "Where a lot came from, or what was made of it",
               description = "COMPLIANCE, AUDITOR or ADMIN. Nodes (lots, facilities) and edges (transformations and "
                             + "transfers, with masses).")
    @ApiResponse(responseCode = "200", description = "The lineage graph")
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @GetMapping("/{lotId}/lineage")
    public Lineage lineage(@PathVariable String lotId,
                    @Parameter(description = "upstream or downstream (case-insensitive)",
                               schema = @Schema(allowableValues = {"upstream", "downstream"}, defaultValue = "UPSTREAM"))
                    @RequestParam(defaultValue = "UPSTREAM") String direction,
                    @Parameter(description = "How many steps to walk; 0 or more, default unlimited")
                    @RequestParam(required = false) Integer maxDepth) {
        LineageQueries.Direction walk = switch (direction.toUpperCase(java.util.Locale.ROOT)) {
            case "UPSTREAM" -> LineageQueries.Direction.UPSTREAM;
            case "DOWNSTREAM" -> LineageQueries.Direction.DOWNSTREAM;
            default -> throw InvalidCommandException.of("direction", "must be upstream or downstream");
        };
        if (maxDepth != null && maxDepth < 0) {
            throw InvalidCommandException.of("maxDepth", "must be 0 or more");
        }
        barrier.awaitAcknowledgedWrites();
        if (lots.find(lotId).isEmpty()) {
            throw new NotFoundException("lot", lotId);
        }
        return lineage.lineage(lotId, walk, maxDepth);
    }

    /** Straight from the event store: no projection between the auditor and the history. */
    @Operation(operationId = "getLotEvents", summary = "A lot's full event history, from the event store",
               description = "AUDITOR. Each event with its global position, principal, correlation and request ids.")
    @ApiResponse(responseCode = "200", description = "The events, oldest first")
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @GetMapping("/{lotId}/events")
    public EventHistory events(@PathVariable String lotId) {
        List<StoredEvent> events = history.stream(StreamIds.lot(lotId));
        if (events.isEmpty()) {
            throw new NotFoundException("lot", lotId);
        }
        return new EventHistory(lotId, events.stream().map(LotController::response).toList());
    }

    static EventResponse response(StoredEvent event) {
        return new EventResponse(event.position(), event.sequence(), event.type(), event.timestamp(),
                                 text(event, "principal"), text(event, "correlationId"), text(event, "requestId"),
                                 event.payload());
    }

    private static String text(StoredEvent event, String field) {
        return event.metadata().hasNonNull(field) ? event.metadata().get(field).asString() : null;
    }
}
