package org.provenance.ledger.api.epcis.trace;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.provenance.ledger.api.epcis.EpcisException;
import org.provenance.ledger.api.epcis.EpcisIdentifiers;
import org.provenance.ledger.api.read.ProjectionBarrier;
import org.provenance.ledger.common.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;

@Tag(name = "EPCIS events", description = "GS1 EPCIS 2.0 events (COMPLIANCE and AUDITOR)")
@RestController
public class EpcisTraceController {

    private final EpcisTrace trace;
    private final ProjectionBarrier barrier;

    public EpcisTraceController(EpcisTrace trace, ProjectionBarrier barrier) {
        this.trace = trace;
        this.barrier = barrier;
    }

    @Operation(operationId = "epcisTrace", summary = "Trace an EPC, EPC class or lot up- or downstream",
               description = "COMPLIANCE or AUDITOR. Not in the EPCIS standard: the identifiers reachable through "
                             + "TransformationEvents (inputs and outputs), AggregationEvents (children and parent) and "
                             + "the ledger's transformations, with their depth; each edge with the event or "
                             + "transformation it goes through and its quantity (uom KGM for the ledger's masses).")
    @ApiResponse(responseCode = "200", description = "The trace")
    @ApiResponse(responseCode = "400", description = "No epc, or a direction other than upstream or downstream")
    @GetMapping("/epcis/trace")
    public EpcisTrace.Trace trace(
            @Parameter(description = "an EPC, an EPC class or a lot id (Digital Link URIs in URN form)")
            @RequestParam(name = "epc", required = false) String epc,
            @Parameter(description = "upstream (default) or downstream")
            @RequestParam(name = "direction", required = false) String direction) {
        if (epc == null || epc.isBlank()) {
            throw EpcisException.validation("epc is required", List.of(new FieldError("epc", "is required")));
        }
        EpcisTrace.Direction d;
        try {
            d = direction == null ? EpcisTrace.Direction.UPSTREAM
                    : EpcisTrace.Direction.valueOf(direction.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new EpcisException(400, "QueryParameterException", "direction is upstream or downstream",
                                     List.of(new FieldError("direction", "must be upstream or downstream")));
        }
        barrier.awaitAcknowledgedWrites();
        return trace.trace(EpcisIdentifiers.toUrn(epc.strip()), d);
    }
}
