package org.provenance.ledger.api.lot;

import org.provenance.ledger.api.read.ProjectionBarrier;
import org.provenance.ledger.api.web.Created;
import org.provenance.ledger.api.web.Json;
import org.provenance.ledger.api.web.NotFoundException;
import org.provenance.ledger.api.write.LedgerWriter;
import org.provenance.ledger.api.write.WriteReceipt;
import org.provenance.ledger.common.StreamIds;
import org.provenance.ledger.lot.ExtractLot;
import org.provenance.ledger.lot.RegisterLot;
import org.provenance.ledger.projections.history.EventHistoryQueries;
import org.provenance.ledger.projections.history.StoredEvent;
import org.provenance.ledger.projections.lot.LotQueries;
import org.provenance.ledger.projections.lot.LotView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
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
                              List<String> childLotIds) {
    }

    public record EventResponse(long position, long sequence, String type, Instant timestamp, String principal,
                                String correlationId, String requestId, Object payload) {
    }

    public record LotHistory(String lotId, List<EventResponse> events) {
    }

    private final LedgerWriter writer;
    private final LotQueries lots;
    private final EventHistoryQueries history;
    private final ProjectionBarrier barrier;

    public LotController(LedgerWriter writer, LotQueries lots, EventHistoryQueries history, ProjectionBarrier barrier) {
        this.writer = writer;
        this.lots = lots;
        this.history = history;
        this.barrier = barrier;
    }

    @PostMapping("/extractions")
    ResponseEntity<WriteReceipt> extract(@RequestBody ExtractionRequest request) {
        WriteReceipt receipt = writer.submit("extraction", request.lotId(), request,
                new ExtractLot(request.lotId(), request.mineId(), request.mineral(), request.form(), request.massKg(),
                               orNow(request.occurredAt())));
        return Created.at("/api/lots/" + receipt.id(), receipt);
    }

    @PostMapping("/registrations")
    ResponseEntity<WriteReceipt> register(@RequestBody RegistrationRequest request) {
        WriteReceipt receipt = writer.submit("registration", request.lotId(), request,
                new RegisterLot(request.lotId(), request.custodianId(), request.mineral(), request.form(),
                                request.massKg(), request.declaredOrigin(), orNow(request.occurredAt())));
        return Created.at("/api/lots/" + receipt.id(), receipt);
    }

    @GetMapping("/{lotId}")
    LotResponse get(@PathVariable String lotId) {
        barrier.awaitAcknowledgedWrites();
        LotView lot = lots.find(lotId).orElseThrow(() -> new NotFoundException("lot", lotId));
        return new LotResponse(lot.lotId(), lot.mineral(), lot.form(), Json.number(lot.initialMassKg()),
                               Json.number(lot.remainingMassKg()), lot.custodianId(), lot.status(), lot.createdBy(),
                               lot.sourceId(), lot.declaredOrigin(), lot.createdAt(), lot.parentLotIds(),
                               lot.childLotIds());
    }

    /** Straight from the event store: no projection between the auditor and the history. */
    @GetMapping("/{lotId}/events")
    LotHistory events(@PathVariable String lotId) {
        List<StoredEvent> events = history.stream(StreamIds.lot(lotId));
        if (events.isEmpty()) {
            throw new NotFoundException("lot", lotId);
        }
        return new LotHistory(lotId, events.stream().map(LotController::response).toList());
    }

    static EventResponse response(StoredEvent event) {
        return new EventResponse(event.position(), event.sequence(), event.type(), event.timestamp(),
                                 text(event, "principal"), text(event, "correlationId"), text(event, "requestId"),
                                 event.payload());
    }

    private static String text(StoredEvent event, String field) {
        return event.metadata().hasNonNull(field) ? event.metadata().get(field).asText() : null;
    }

    static Instant orNow(Instant occurredAt) {
        return occurredAt == null ? Instant.now() : occurredAt;
    }
}
