package org.provenance.ledger.bench.stock;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.modelling.command.ConcurrencyException;
import org.provenance.ledger.bloc.AdmitMember;
import org.provenance.ledger.bloc.CreateBloc;
import org.provenance.ledger.bloc.SetPriceFloor;
import org.provenance.ledger.common.InvalidCommandException;
import org.provenance.ledger.common.LedgerConflictException;
import org.provenance.ledger.common.LedgerException;
import org.provenance.ledger.common.LedgerNotFoundException;
import org.provenance.ledger.facility.FacilityKind;
import org.provenance.ledger.facility.RegisterFacility;
import org.provenance.ledger.flag.ReviewDecision;
import org.provenance.ledger.flag.ReviewFlag;
import org.provenance.ledger.lot.ExtractLot;
import org.provenance.ledger.lot.RegisterLot;
import org.provenance.ledger.lot.TransferLot;
import org.provenance.ledger.lot.UnitPrice;
import org.provenance.ledger.transformation.Stage;
import org.provenance.ledger.transformation.TransformLots;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Plain controllers for the ledger's write endpoints, as a team would first write them: build the
 * command, send it and wait, answer 201 with the id. No request registry (idempotency), no
 * read-your-writes barrier, no position in the answer.
 */
@RestController
public class StockController {

    public record FacilityRequest(String id, String name, FacilityKind kind, String country, String ownerCountry) {
    }

    public record ExtractionRequest(String lotId, String mineId, String mineral, String form, BigDecimal massKg,
                                    Instant occurredAt) {
    }

    public record RegistrationRequest(String lotId, String custodianId, String mineral, String form, BigDecimal massKg,
                                      String declaredOrigin, Instant occurredAt) {
    }

    public record TransformationRequest(String id, String facilityId, Stage stage, List<TransformLots.Input> inputs,
                                        List<TransformLots.Output> outputs, Instant occurredAt) {
    }

    public record TransferRequest(String id, String lotId, String fromFacilityId, String toFacilityId,
                                  UnitPrice unitPrice, Instant occurredAt) {
    }

    public record BlocRequest(String id, String name) {
    }

    public record MembershipRequest(Instant effectiveFrom) {
    }

    public record PriceFloorRequest(String currency, BigDecimal pricePerKg, Instant effectiveFrom) {
    }

    public record ReviewRequest(ReviewDecision decision, String note) {
    }

    public record Created(String id) {
    }

    /** Where the projections stand: the benchmark waits on it between phases. */
    public record ProcessorStatus(long headPosition, long position, boolean caughtUp) {
    }

    private final CommandGateway commands;
    private final ObjectProvider<Configuration> axon;
    private final JdbcClient jdbc;

    public StockController(CommandGateway commands, ObjectProvider<Configuration> axon, JdbcClient jdbc) {
        this.commands = commands;
        this.axon = axon;
        this.jdbc = jdbc;
    }

    @PostMapping("/api/facilities")
    ResponseEntity<Created> facility(@RequestBody FacilityRequest r) {
        return created(commands.sendAndWait(new RegisterFacility(r.id(), r.name(), r.kind(), r.country(),
                                                                 r.ownerCountry())));
    }

    @PostMapping("/api/lots/extractions")
    ResponseEntity<Created> extract(@RequestBody ExtractionRequest r) {
        return created(commands.sendAndWait(new ExtractLot(r.lotId(), r.mineId(), r.mineral(), r.form(), r.massKg(),
                                                           orNow(r.occurredAt()))));
    }

    @PostMapping("/api/lots/registrations")
    ResponseEntity<Created> register(@RequestBody RegistrationRequest r) {
        return created(commands.sendAndWait(new RegisterLot(r.lotId(), r.custodianId(), r.mineral(), r.form(),
                                                            r.massKg(), r.declaredOrigin(), orNow(r.occurredAt()))));
    }

    @PostMapping("/api/transformations")
    ResponseEntity<Created> transform(@RequestBody TransformationRequest r) {
        return created(commands.sendAndWait(new TransformLots(r.id(), r.facilityId(), r.stage(), r.inputs(),
                                                              r.outputs(), orNow(r.occurredAt()))));
    }

    @PostMapping("/api/transfers")
    ResponseEntity<Created> transfer(@RequestBody TransferRequest r) {
        return created(commands.sendAndWait(new TransferLot(r.id(), r.lotId(), r.fromFacilityId(), r.toFacilityId(),
                                                            r.unitPrice(), orNow(r.occurredAt()))));
    }

    @PostMapping("/api/blocs")
    ResponseEntity<Created> bloc(@RequestBody BlocRequest r) {
        return created(commands.sendAndWait(new CreateBloc(r.id(), r.name())));
    }

    @PutMapping("/api/blocs/{blocId}/members/{country}")
    ResponseEntity<Created> admit(@PathVariable String blocId, @PathVariable String country,
                                  @RequestBody MembershipRequest r) {
        commands.sendAndWait(new AdmitMember(blocId, country, r.effectiveFrom()));
        return created(blocId);
    }

    @PutMapping("/api/blocs/{blocId}/price-floors/{mineral}/{form}")
    ResponseEntity<Created> priceFloor(@PathVariable String blocId, @PathVariable String mineral,
                                       @PathVariable String form, @RequestBody PriceFloorRequest r) {
        commands.sendAndWait(new SetPriceFloor(blocId, mineral, form, r.currency(), r.pricePerKg(), r.effectiveFrom()));
        return created(blocId);
    }

    @PostMapping("/api/flags/{flagId}/reviews")
    ResponseEntity<Created> review(@PathVariable String flagId, @RequestBody ReviewRequest r) {
        commands.sendAndWait(new ReviewFlag(flagId, r.decision(), r.note()));
        return created(flagId);
    }

    @GetMapping("/stock/processors/ledger")
    ProcessorStatus status() {
        Long head = jdbc.sql("select coalesce(max(global_index), 0) from domain_event_entry").query(Long.class).single();
        StreamingEventProcessor processor = axon.getObject().eventProcessingConfiguration()
                                                .eventProcessor("ledger", StreamingEventProcessor.class)
                                                .orElseThrow();
        var segments = processor.processingStatus().values();
        long position = segments.stream().map(EventTrackerStatus::getCurrentPosition)
                                .mapToLong(p -> p.orElse(-1)).min().orElse(-1);
        boolean caughtUp = !segments.isEmpty() && segments.stream().allMatch(EventTrackerStatus::isCaughtUp);
        return new ProcessorStatus(head == null ? 0 : head, position, caughtUp);
    }

    @ExceptionHandler(LedgerException.class)
    ResponseEntity<Map<String, Object>> refused(LedgerException e) {
        HttpStatus status = e instanceof InvalidCommandException ? HttpStatus.BAD_REQUEST
                : e instanceof LedgerNotFoundException ? HttpStatus.NOT_FOUND
                : e instanceof LedgerConflictException ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
        return ResponseEntity.status(status).body(Map.of("type", "/problems/" + e.code(), "status", status.value(),
                                                         "detail", String.valueOf(e.getMessage())));
    }

    @ExceptionHandler({ConcurrencyException.class, DataIntegrityViolationException.class})
    ResponseEntity<Map<String, Object>> race(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("type", "/problems/concurrent-change",
                                                                      "status", 409));
    }

    private static ResponseEntity<Created> created(Object id) {
        return ResponseEntity.status(HttpStatus.CREATED).body(new Created(String.valueOf(id)));
    }

    private static Instant orNow(Instant occurredAt) {
        return occurredAt == null ? Instant.now() : occurredAt;
    }
}
