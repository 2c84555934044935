package org.provenance.ledger.api.transfer;

import org.provenance.ledger.api.read.ProjectionBarrier;
import org.provenance.ledger.api.web.Created;
import org.provenance.ledger.api.web.Json;
import org.provenance.ledger.api.web.NotFoundException;
import org.provenance.ledger.api.write.LedgerWriter;
import org.provenance.ledger.api.write.WriteReceipt;
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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.provenance.ledger.api.docs.OpenApiConfiguration.BAD_REQUEST;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.CONFLICT;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.LOCATION;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.NOT_FOUND;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.RECORDED;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.UNSUPPORTED_MEDIA_TYPE;

@Tag(name = "Transfers", description = "Custody of a lot passing from one facility to another, with its flags")
@RestController
@RequestMapping("/api/transfers")
public class TransferController {

    public record TransferRequest(String id, String lotId, String fromFacilityId, String toFacilityId,
                                  UnitPrice unitPrice, Instant occurredAt) {
    }

    /** voided: the transfer did not happen (SPEC 12); it is kept, with when the void was recorded and why. */
    public record TransferResponse(String id, String lotId, String fromFacilityId, String toFacilityId,
                                   BigDecimal massKg, UnitPrice unitPrice, Instant occurredAt, List<FlagView> flags,
                                   boolean voided, Instant voidedAt, String voidReason) {
    }

    private final LedgerWriter writer;
    private final TransferProjection transfers;
    private final ProjectionBarrier barrier;
    private final FlagQueries flags;
    private final TransferWrites writes;

    public TransferController(LedgerWriter writer, TransferProjection transfers, ProjectionBarrier barrier,
                              FlagQueries flags, TransferWrites writes) {
        this.writes = writes;
        this.writer = writer;
        this.transfers = transfers;
        this.barrier = barrier;
        this.flags = flags;
    }

    @Operation(operationId = "transferLot", summary = "Record a transfer of custody",
               description = "OPERATOR of the seller (fromFacilityId), which must hold the lot. unitPrice is per kg; "
                             + "a purchase is checked and may raise flags (read them on the transfer).",
               requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                       examples = @ExampleObject(name = "example", value = """
                               {"id": "T-1", "lotId": "ORE-1", "fromFacilityId": "MINE-AU-1",
                                "toFacilityId": "SEP-EE-1", "unitPrice": {"amount": 75, "currency": "USD"},
                                "occurredAt": "2026-03-02T09:00:00Z"}"""))))
    @ApiResponse(responseCode = "201", description = RECORDED,
                 headers = @Header(name = "Location", description = LOCATION))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = CONFLICT)
    @ApiResponse(responseCode = "415", ref = UNSUPPORTED_MEDIA_TYPE)
    @PostMapping
    public ResponseEntity<WriteReceipt> transfer(@RequestBody TransferRequest request) {
        WriteReceipt receipt = writer.submit(writes.transfer(request));
        return Created.at("/api/transfers/" + receipt.id(), receipt);
    }

    @Operation(operationId = "getTransfer", summary = "A transfer and its flags",
               description = "COMPLIANCE, AUDITOR or ADMIN.")
    @ApiResponse(responseCode = "200", description = "The transfer")
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @GetMapping("/{id}")
    TransferResponse get(@PathVariable String id) {
        barrier.awaitAcknowledgedWrites();
        TransferView t = transfers.find(id).orElseThrow(() -> new NotFoundException("transfer", id));
        UnitPrice price = t.priceAmount() == null ? null : new UnitPrice(Json.number(t.priceAmount()), t.priceCurrency());
        return new TransferResponse(t.id(), t.lotId(), t.fromFacilityId(), t.toFacilityId(), Json.number(t.massKg()),
                                    price, t.occurredAt(), flags.forSubject(t.id()), t.voided(), t.voidedAt(),
                                    t.voidReason());
    }
}
