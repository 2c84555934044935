package org.provenance.ledger.api.bloc;

import org.provenance.ledger.api.read.ProjectionBarrier;
import org.provenance.ledger.api.web.Created;
import org.provenance.ledger.api.web.NotFoundException;
import org.provenance.ledger.api.write.LedgerWriter;
import org.provenance.ledger.api.write.WriteReceipt;
import org.provenance.ledger.projections.bloc.BlocProjection;
import org.provenance.ledger.projections.bloc.BlocView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
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

import static org.provenance.ledger.api.docs.OpenApiConfiguration.BAD_REQUEST;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.CONFLICT;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.LOCATION;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.NOT_FOUND;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.RECORDED;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.UNSUPPORTED_MEDIA_TYPE;

/** Blocs, their members and price floors: data the bloc administrator records (SPEC 1, 6). */
@Tag(name = "Blocs", description = "Blocs, their member countries over time and their price floors (ADMIN records)")
@RestController
@RequestMapping("/api/blocs")
public class BlocController {

    public record BlocRequest(String id, String name) {
    }

    public record MembershipRequest(Instant effectiveFrom) {
    }

    public record PriceFloorRequest(String currency, BigDecimal pricePerKg, Instant effectiveFrom) {
    }

    private final LedgerWriter writer;
    private final BlocWrites writes;
    private final BlocProjection blocs;
    private final ProjectionBarrier barrier;

    public BlocController(LedgerWriter writer, BlocWrites writes, BlocProjection blocs, ProjectionBarrier barrier) {
        this.writer = writer;
        this.writes = writes;
        this.blocs = blocs;
        this.barrier = barrier;
    }

    @Operation(operationId = "createBloc", summary = "Create a bloc", description = "ADMIN.",
               requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                       examples = @ExampleObject(name = "example", value = """
                               {"id": "MSP", "name": "Minerals Security Partnership"}"""))))
    @ApiResponse(responseCode = "201", description = RECORDED,
                 headers = @Header(name = "Location", description = LOCATION))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @ApiResponse(responseCode = "409", ref = CONFLICT)
    @ApiResponse(responseCode = "415", ref = UNSUPPORTED_MEDIA_TYPE)
    @PostMapping
    public ResponseEntity<WriteReceipt> create(@RequestBody BlocRequest request) {
        WriteReceipt receipt = writer.submit(writes.create(request));
        return Created.at("/api/blocs/" + receipt.id(), receipt);
    }

    @Operation(operationId = "admitMember", summary = "A country joins the bloc",
               description = "ADMIN. Membership counts from effectiveFrom (business time, past or future).",
               requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                       examples = @ExampleObject(name = "example", value = """
                               {"effectiveFrom": "2026-06-01T00:00:00Z"}"""))))
    @ApiResponse(responseCode = "201", description = RECORDED,
                 headers = @Header(name = "Location", description = LOCATION))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = CONFLICT)
    @ApiResponse(responseCode = "415", ref = UNSUPPORTED_MEDIA_TYPE)
    @PutMapping("/{blocId}/members/{country}")
    public ResponseEntity<WriteReceipt> admit(@PathVariable String blocId, @PathVariable String country,
                                       @RequestBody MembershipRequest request) {
        WriteReceipt receipt = writer.submit(writes.admit(blocId, country, request));
        return Created.at("/api/blocs/" + blocId, receipt);
    }

    @Operation(operationId = "endMembership", summary = "A country leaves the bloc",
               description = "ADMIN. The membership ends at effectiveFrom; the history before it stays.",
               requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                       examples = @ExampleObject(name = "example", value = """
                               {"effectiveFrom": "2030-01-01T00:00:00Z"}"""))))
    @ApiResponse(responseCode = "201", description = RECORDED,
                 headers = @Header(name = "Location", description = LOCATION))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = CONFLICT)
    @ApiResponse(responseCode = "415", ref = UNSUPPORTED_MEDIA_TYPE)
    @DeleteMapping("/{blocId}/members/{country}")
    public ResponseEntity<WriteReceipt> end(@PathVariable String blocId, @PathVariable String country,
                                     @RequestBody MembershipRequest request) {
        WriteReceipt receipt = writer.submit(writes.end(blocId, country, request));
        return Created.at("/api/blocs/" + blocId, receipt);
    }

    @Operation(operationId = "setPriceFloor", summary = "Set a price floor",
               description = "ADMIN. A purchase of this mineral and form below the floor in force raises a "
                             + "PRICE_BELOW_FLOOR flag; currency is ISO 4217.",
               requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                       examples = @ExampleObject(name = "example", value = """
                               {"currency": "USD", "pricePerKg": 60,
                                "effectiveFrom": "2026-01-01T00:00:00Z"}"""))))
    @ApiResponse(responseCode = "201", description = RECORDED,
                 headers = @Header(name = "Location", description = LOCATION))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = CONFLICT)
    @ApiResponse(responseCode = "415", ref = UNSUPPORTED_MEDIA_TYPE)
    @PutMapping("/{blocId}/price-floors/{mineral}/{form}")
    public ResponseEntity<WriteReceipt> priceFloor(@PathVariable String blocId, @PathVariable String mineral,
                                            @PathVariable String form, @RequestBody PriceFloorRequest request) {
        WriteReceipt receipt = writer.submit(writes.priceFloor(blocId, mineral, form, request));
        return Created.at("/api/blocs/" + blocId, receipt);
    }

    @Operation(operationId = "getBloc", summary = "A bloc: members over time and price floors",
               description = "COMPLIANCE, AUDITOR or ADMIN.")
    @ApiResponse(responseCode = "200", description = "The bloc")
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @GetMapping("/{blocId}")
    BlocView get(@PathVariable String blocId) {
        barrier.awaitAcknowledgedWrites();
        return blocs.find(blocId).orElseThrow(() -> new NotFoundException("bloc", blocId));
    }
}
