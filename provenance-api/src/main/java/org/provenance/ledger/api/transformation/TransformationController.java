package org.provenance.ledger.api.transformation;

import org.provenance.ledger.api.security.FacilityAccess;
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

import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping("/api/transformations")
public class TransformationController {

    public record TransformationRequest(String id, String facilityId, Stage stage, List<TransformLots.Input> inputs,
                                        List<TransformLots.Output> outputs, Instant occurredAt) {
    }

    private final LedgerWriter writer;
    private final FacilityAccess access;

    public TransformationController(LedgerWriter writer, FacilityAccess access) {
        this.writer = writer;
        this.access = access;
    }

    @PostMapping
    public ResponseEntity<WriteReceipt> transform(@RequestBody TransformationRequest request) {
        access.requireOperatorOf(request.facilityId(), "facilityId");
        WriteReceipt receipt = writer.submit("transformation", request.id(), request,
                new TransformLots(request.id(), request.facilityId(), request.stage(), request.inputs(),
                                  request.outputs(), request.occurredAt() == null ? Instant.now() : request.occurredAt()));
        return Created.at("/api/transformations/" + receipt.id(), receipt);
    }
}
