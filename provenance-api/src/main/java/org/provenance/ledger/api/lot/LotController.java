package org.provenance.ledger.api.lot;

import org.provenance.ledger.api.read.ProjectionBarrier;
import org.provenance.ledger.api.security.FacilityAccess;
import org.provenance.ledger.api.web.Created;
import org.provenance.ledger.api.web.Json;
import org.provenance.ledger.api.web.NotFoundException;
import org.provenance.ledger.api.write.LedgerWriter;
import org.provenance.ledger.api.write.WriteReceipt;
import org.provenance.ledger.common.InvalidCommandException;
import org.provenance.ledger.common.StreamIds;
import org.provenance.ledger.composition.Exposure;
import org.provenance.ledger.composition.Provenance;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.provenance.ledger.lot.ExtractLot;
import org.provenance.ledger.lot.LotEvent;
import org.provenance.ledger.lot.LotHistory;
import org.provenance.ledger.lot.RegisterLot;
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

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

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
    private final CompositionProjection compositions;
    private final BlocProjection blocs;
    private final LineageQueries lineage;
    private final String homeBloc;
    private final EventStore eventStore;
    private final FacilityAccess access;

    public LotController(LedgerWriter writer, LotQueries lots, EventHistoryQueries history, ProjectionBarrier barrier,
                         CompositionProjection compositions, BlocProjection blocs, LineageQueries lineage,
                         @Value("${ledger.home-bloc}") String homeBloc, EventStore eventStore,
                         FacilityAccess access) {
        this.eventStore = eventStore;
        this.access = access;
        this.writer = writer;
        this.lots = lots;
        this.history = history;
        this.barrier = barrier;
        this.compositions = compositions;
        this.blocs = blocs;
        this.lineage = lineage;
        this.homeBloc = homeBloc;
    }

    @PostMapping("/extractions")
    public ResponseEntity<WriteReceipt> extract(@RequestBody ExtractionRequest request) {
        access.requireOperatorOf(request.mineId(), "mineId");
        WriteReceipt receipt = writer.submit("extraction", request.lotId(), request,
                new ExtractLot(request.lotId(), request.mineId(), request.mineral(), request.form(), request.massKg(),
                               orNow(request.occurredAt())));
        return Created.at("/api/lots/" + receipt.id(), receipt);
    }

    @PostMapping("/registrations")
    public ResponseEntity<WriteReceipt> register(@RequestBody RegistrationRequest request) {
        access.requireOperatorOf(request.custodianId(), "custodianId");
        WriteReceipt receipt = writer.submit("registration", request.lotId(), request,
                new RegisterLot(request.lotId(), request.custodianId(), request.mineral(), request.form(),
                                request.massKg(), request.declaredOrigin(), orNow(request.occurredAt())));
        return Created.at("/api/lots/" + receipt.id(), receipt);
    }

    /**
     * The lot now, or as it stood at asOf (business time): custodian and remaining mass folded
     * from its own events up to that instant, exposure against the bloc's membership then.
     */
    @GetMapping("/{lotId}")
    LotResponse get(@PathVariable String lotId, @RequestParam(required = false) Instant asOf) {
        barrier.awaitAcknowledgedWrites();
        LotView lot = lots.find(lotId).orElseThrow(() -> new NotFoundException("lot", lotId));
        Provenance provenance = compositions.find(lotId).orElseThrow(() -> new NotFoundException("lot", lotId));
        Instant at = asOf == null ? Instant.now() : asOf;
        Exposure exposure = Exposure.of(provenance.composition(), blocs.calendar(homeBloc).at(at));
        var routes = CompositionResponse.routes(provenance.composition());
        var exposed = CompositionResponse.exposure(homeBloc, at, exposure);
        if (asOf == null) {
            return new LotResponse(lot.lotId(), lot.mineral(), lot.form(), Json.number(lot.initialMassKg()),
                                   Json.number(lot.remainingMassKg()), lot.custodianId(), lot.status(),
                                   lot.createdBy(), lot.sourceId(), lot.declaredOrigin(), lot.createdAt(),
                                   lot.parentLotIds(), lot.childLotIds(), routes, exposed);
        }
        List<LotEvent> events = eventStore.readEvents(StreamIds.lot(lotId)).asStream()
                                          .map(e -> (LotEvent) e.getPayload()).toList();
        LotHistory then = LotHistory.asOf(events, asOf)
                                    .orElseThrow(() -> new NotFoundException("lot", lotId + " at " + asOf));
        return new LotResponse(lotId, then.mineral(), then.form(), Json.number(then.initialKg()),
                               Json.number(then.remainingKg()), then.custodianId(), then.status(), lot.createdBy(),
                               lot.sourceId(), lot.declaredOrigin(), then.createdAt(), lot.parentLotIds(),
                               lots.outputsOf(then.transformationsConsumedIn()), routes, exposed);
    }

    /** Upstream (where the lot came from) or downstream (what was made of it), optionally limited in depth. */
    @GetMapping("/{lotId}/lineage")
    Lineage lineage(@PathVariable String lotId,
                    @RequestParam(defaultValue = "UPSTREAM") String direction,
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
    @GetMapping("/{lotId}/events")
    EventHistory events(@PathVariable String lotId) {
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

    static Instant orNow(Instant occurredAt) {
        return occurredAt == null ? Instant.now() : occurredAt;
    }
}
