package org.provenance.ledger.api.facility;

import org.provenance.ledger.api.read.ProjectionBarrier;
import org.provenance.ledger.api.web.Created;
import org.provenance.ledger.api.web.NotFoundException;
import org.provenance.ledger.api.write.LedgerWriter;
import org.provenance.ledger.api.write.WriteReceipt;
import org.provenance.ledger.facility.ExternalId;
import org.provenance.ledger.facility.FacilityKind;
import org.provenance.ledger.projections.facility.FacilityProjection;
import org.provenance.ledger.projections.facility.FacilityView;
import org.provenance.ledger.projections.facility.MassBalance;
import org.provenance.ledger.projections.facility.MassBalanceQueries;
import org.springframework.http.ResponseEntity;
import java.util.List;
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

import static org.provenance.ledger.api.docs.OpenApiConfiguration.BAD_REQUEST;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.CONFLICT;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.LOCATION;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.NOT_FOUND;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.RECORDED;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.UNSUPPORTED_MEDIA_TYPE;

@Tag(name = "Facilities", description = "Mines, processors, traders and buyers: where lots are held (ADMIN registers)")
@RestController
@RequestMapping("/api/facilities")
public class FacilityController {

    /**
     * externalId: optional, the facility's id in an outside list, e.g. {"scheme": "RMI", "value": "CID001234"}.
     * locations: optional, its EPCIS locations and parties (SGLN/PGLN URNs or GS1 Digital Link URIs), SPEC 11.
     */
    public record FacilityRequest(String id, String name, FacilityKind kind, String country, String ownerCountry,
                                  ExternalId externalId, List<String> locations) {

        public FacilityRequest(String id, String name, FacilityKind kind, String country, String ownerCountry,
                               ExternalId externalId) {
            this(id, name, kind, country, ownerCountry, externalId, null);
        }
    }

    private final LedgerWriter writer;
    private final FacilityWrites writes;
    private final FacilityProjection facilities;
    private final ProjectionBarrier barrier;
    private final MassBalanceQueries massBalance;

    public FacilityController(LedgerWriter writer, FacilityWrites writes, FacilityProjection facilities, ProjectionBarrier barrier,
                              MassBalanceQueries massBalance) {
        this.writer = writer;
        this.writes = writes;
        this.facilities = facilities;
        this.barrier = barrier;
        this.massBalance = massBalance;
    }

    @Operation(operationId = "registerFacility", summary = "Register a facility",
               description = "ADMIN. kind is MINE, PROCESSOR, TRADER or BUYER; countries are ISO 3166-1 alpha-2; "
                             + "ownerCountry (where its controlling owner is) is optional; externalId {scheme, value} is its id in an outside "
                             + "list, e.g. the RMI smelter id the CMRT/EMRT smelter lists ask for.",
               requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                       examples = @ExampleObject(name = "mine", value = """
                               {"id": "MINE-AU-1", "name": "Mount Weld", "kind": "MINE", "country": "AU"}"""))))
    @ApiResponse(responseCode = "201", description = RECORDED,
                 headers = @Header(name = "Location", description = LOCATION))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @ApiResponse(responseCode = "409", ref = CONFLICT)
    @ApiResponse(responseCode = "415", ref = UNSUPPORTED_MEDIA_TYPE)
    @PostMapping
    public ResponseEntity<WriteReceipt> register(@RequestBody FacilityRequest request) {
        WriteReceipt receipt = writer.submit(writes.register(request));
        return Created.at("/api/facilities/" + receipt.id(), receipt);
    }

    @Operation(operationId = "getFacility", summary = "A facility",
               description = "Every role; an operator may read any facility.")
    @ApiResponse(responseCode = "200", description = "The facility")
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @GetMapping("/{id}")
    public FacilityView get(@PathVariable String id) {
        barrier.awaitAcknowledgedWrites();
        return facilities.find(id).orElseThrow(() -> new NotFoundException("facility", id));
    }

    /** Per mineral and form: received, extracted, produced, consumed, transferred out, on hand. */
    @Operation(operationId = "getMassBalance", summary = "A facility's mass balance",
               description = "COMPLIANCE, AUDITOR or ADMIN. Per mineral and form, in kg: received, extracted, "
                             + "produced, consumed, transferred out and on hand.")
    @ApiResponse(responseCode = "200", description = "The mass balance")
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @GetMapping("/{id}/mass-balance")
    public MassBalance massBalance(@PathVariable String id) {
        barrier.awaitAcknowledgedWrites();
        facilities.find(id).orElseThrow(() -> new NotFoundException("facility", id));
        return massBalance.of(id);
    }
}
