package org.provenance.ledger.api.bloc;

import org.provenance.ledger.api.read.ProjectionBarrier;
import org.provenance.ledger.api.web.Created;
import org.provenance.ledger.api.web.NotFoundException;
import org.provenance.ledger.api.write.LedgerWriter;
import org.provenance.ledger.api.write.WriteReceipt;
import org.provenance.ledger.bloc.AdmitMember;
import org.provenance.ledger.bloc.CreateBloc;
import org.provenance.ledger.bloc.EndMembership;
import org.provenance.ledger.bloc.SetPriceFloor;
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

import java.math.BigDecimal;
import java.time.Instant;

/** Blocs, their members and price floors: data the bloc administrator records (SPEC 1, 6). */
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
    private final BlocProjection blocs;
    private final ProjectionBarrier barrier;

    public BlocController(LedgerWriter writer, BlocProjection blocs, ProjectionBarrier barrier) {
        this.writer = writer;
        this.blocs = blocs;
        this.barrier = barrier;
    }

    @PostMapping
    public ResponseEntity<WriteReceipt> create(@RequestBody BlocRequest request) {
        WriteReceipt receipt = writer.submit("bloc", request.id(), request, new CreateBloc(request.id(), request.name()));
        return Created.at("/api/blocs/" + receipt.id(), receipt);
    }

    @PutMapping("/{blocId}/members/{country}")
    public ResponseEntity<WriteReceipt> admit(@PathVariable String blocId, @PathVariable String country,
                                       @RequestBody MembershipRequest request) {
        WriteReceipt receipt = writer.submitByContent("admission", blocId + ":" + country, request,
                new AdmitMember(blocId, country, request.effectiveFrom()));
        return Created.at("/api/blocs/" + blocId, receipt);
    }

    @DeleteMapping("/{blocId}/members/{country}")
    public ResponseEntity<WriteReceipt> end(@PathVariable String blocId, @PathVariable String country,
                                     @RequestBody MembershipRequest request) {
        WriteReceipt receipt = writer.submitByContent("departure", blocId + ":" + country, request,
                new EndMembership(blocId, country, request.effectiveFrom()));
        return Created.at("/api/blocs/" + blocId, receipt);
    }

    @PutMapping("/{blocId}/price-floors/{mineral}/{form}")
    public ResponseEntity<WriteReceipt> priceFloor(@PathVariable String blocId, @PathVariable String mineral,
                                            @PathVariable String form, @RequestBody PriceFloorRequest request) {
        WriteReceipt receipt = writer.submitByContent("price-floor", blocId + ":" + mineral + ":" + form, request,
                new SetPriceFloor(blocId, mineral, form, request.currency(), request.pricePerKg(),
                                  request.effectiveFrom()));
        return Created.at("/api/blocs/" + blocId, receipt);
    }

    @GetMapping("/{blocId}")
    BlocView get(@PathVariable String blocId) {
        barrier.awaitAcknowledgedWrites();
        return blocs.find(blocId).orElseThrow(() -> new NotFoundException("bloc", blocId));
    }
}
