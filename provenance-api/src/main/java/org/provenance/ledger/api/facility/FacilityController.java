package org.provenance.ledger.api.facility;

import org.provenance.ledger.api.read.ProjectionBarrier;
import org.provenance.ledger.api.web.Created;
import org.provenance.ledger.api.web.NotFoundException;
import org.provenance.ledger.api.write.LedgerWriter;
import org.provenance.ledger.api.write.WriteReceipt;
import org.provenance.ledger.facility.FacilityKind;
import org.provenance.ledger.facility.RegisterFacility;
import org.provenance.ledger.projections.facility.FacilityProjection;
import org.provenance.ledger.projections.facility.FacilityView;
import org.provenance.ledger.projections.facility.MassBalance;
import org.provenance.ledger.projections.facility.MassBalanceQueries;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/facilities")
public class FacilityController {

    public record FacilityRequest(String id, String name, FacilityKind kind, String country, String ownerCountry) {
    }

    private final LedgerWriter writer;
    private final FacilityProjection facilities;
    private final ProjectionBarrier barrier;
    private final MassBalanceQueries massBalance;

    public FacilityController(LedgerWriter writer, FacilityProjection facilities, ProjectionBarrier barrier,
                              MassBalanceQueries massBalance) {
        this.writer = writer;
        this.facilities = facilities;
        this.barrier = barrier;
        this.massBalance = massBalance;
    }

    @PostMapping
    public ResponseEntity<WriteReceipt> register(@RequestBody FacilityRequest request) {
        WriteReceipt receipt = writer.submit("facility", request.id(), request,
                new RegisterFacility(request.id(), request.name(), request.kind(), request.country(),
                                     request.ownerCountry()));
        return Created.at("/api/facilities/" + receipt.id(), receipt);
    }

    @GetMapping("/{id}")
    FacilityView get(@PathVariable String id) {
        barrier.awaitAcknowledgedWrites();
        return facilities.find(id).orElseThrow(() -> new NotFoundException("facility", id));
    }

    /** Per mineral and form: received, extracted, produced, consumed, transferred out, on hand. */
    @GetMapping("/{id}/mass-balance")
    MassBalance massBalance(@PathVariable String id) {
        barrier.awaitAcknowledgedWrites();
        facilities.find(id).orElseThrow(() -> new NotFoundException("facility", id));
        return massBalance.of(id);
    }
}
