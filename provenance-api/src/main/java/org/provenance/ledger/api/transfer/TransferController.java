package org.provenance.ledger.api.transfer;

import org.provenance.ledger.api.read.ProjectionBarrier;
import org.provenance.ledger.api.security.FacilityAccess;
import org.provenance.ledger.api.web.Created;
import org.provenance.ledger.api.web.Json;
import org.provenance.ledger.api.web.NotFoundException;
import org.provenance.ledger.api.write.LedgerWriter;
import org.provenance.ledger.api.write.WriteReceipt;
import org.provenance.ledger.lot.TransferLot;
import org.provenance.ledger.lot.UnitPrice;
import org.provenance.ledger.projections.flag.FlagQueries;
import org.provenance.ledger.projections.flag.FlagView;
import org.provenance.ledger.projections.transfer.TransferProjection;
import org.provenance.ledger.projections.transfer.TransferView;
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
@RequestMapping("/api/transfers")
public class TransferController {

    public record TransferRequest(String id, String lotId, String fromFacilityId, String toFacilityId,
                                  UnitPrice unitPrice, Instant occurredAt) {
    }

    public record TransferResponse(String id, String lotId, String fromFacilityId, String toFacilityId,
                                   BigDecimal massKg, UnitPrice unitPrice, Instant occurredAt, List<FlagView> flags) {
    }

    private final LedgerWriter writer;
    private final TransferProjection transfers;
    private final ProjectionBarrier barrier;
    private final FlagQueries flags;
    private final FacilityAccess access;

    public TransferController(LedgerWriter writer, TransferProjection transfers, ProjectionBarrier barrier,
                              FlagQueries flags, FacilityAccess access) {
        this.access = access;
        this.writer = writer;
        this.transfers = transfers;
        this.barrier = barrier;
        this.flags = flags;
    }

    @PostMapping
    public ResponseEntity<WriteReceipt> transfer(@RequestBody TransferRequest request) {
        access.requireOperatorOf(request.fromFacilityId(), "fromFacilityId");
        WriteReceipt receipt = writer.submit("transfer", request.id(), request,
                new TransferLot(request.id(), request.lotId(), request.fromFacilityId(), request.toFacilityId(),
                                request.unitPrice(),
                                request.occurredAt() == null ? Instant.now() : request.occurredAt()));
        return Created.at("/api/transfers/" + receipt.id(), receipt);
    }

    @GetMapping("/{id}")
    TransferResponse get(@PathVariable String id) {
        barrier.awaitAcknowledgedWrites();
        TransferView t = transfers.find(id).orElseThrow(() -> new NotFoundException("transfer", id));
        UnitPrice price = t.priceAmount() == null ? null : new UnitPrice(Json.number(t.priceAmount()), t.priceCurrency());
        return new TransferResponse(t.id(), t.lotId(), t.fromFacilityId(), t.toFacilityId(), Json.number(t.massKg()),
                                    price, t.occurredAt(), flags.forSubject(t.id()));
    }
}
