package org.provenance.ledger.api.transformation;

import org.provenance.ledger.api.web.Created;
import org.provenance.ledger.api.write.LedgerWriter;
import org.provenance.ledger.api.write.WriteReceipt;
import org.provenance.ledger.transformation.Stage;
import org.provenance.ledger.transformation.TransformLots;
import org.springframework.http.ResponseEntity;
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

import java.time.Instant;
import java.util.List;

import static org.provenance.ledger.api.docs.OpenApiConfiguration.BAD_REQUEST;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.CONFLICT;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.LOCATION;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.NOT_FOUND;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.RECORDED;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.UNSUPPORTED_MEDIA_TYPE;

@Tag(name = "Transformations", description = "Input lots consumed at a facility, output lots produced")
@RestController
@RequestMapping("/api/transformations")
public class TransformationController {

    public record TransformationRequest(String id, String facilityId, Stage stage, List<TransformLots.Input> inputs,
                                        List<TransformLots.Output> outputs, Instant occurredAt) {
    }

    private final LedgerWriter writer;
    private final TransformationWrites writes;

    public TransformationController(LedgerWriter writer, TransformationWrites writes) {
        this.writer = writer;
        this.writes = writes;
    }

    @Operation(operationId = "transformLots", summary = "Record a transformation",
               description = "OPERATOR of the facility, which must hold every input lot. stage is the processing "
                             + "stage (e.g. SEPARATION); outputs inherit the inputs' composition by mass.",
               requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                       examples = @ExampleObject(name = "example", value = """
                               {"id": "X-1", "facilityId": "SEP-EE-1", "stage": "SEPARATION",
                                "inputs": [{"lotId": "ORE-1", "massKg": 1000}],
                                "outputs": [{"lotId": "OXIDE-1", "mineral": "REE", "form": "oxide", "massKg": 120}],
                                "occurredAt": "2026-03-04T10:00:00Z"}"""))))
    @ApiResponse(responseCode = "201", description = RECORDED,
                 headers = @Header(name = "Location", description = LOCATION))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = CONFLICT)
    @ApiResponse(responseCode = "415", ref = UNSUPPORTED_MEDIA_TYPE)
    @PostMapping
    public ResponseEntity<WriteReceipt> transform(@RequestBody TransformationRequest request) {
        WriteReceipt receipt = writer.submit(writes.transform(request));
        return Created.at("/api/transformations/" + receipt.id(), receipt);
    }
}
