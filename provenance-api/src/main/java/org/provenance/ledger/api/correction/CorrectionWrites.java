package org.provenance.ledger.api.correction;

import org.provenance.ledger.api.read.ProjectionBarrier;
import org.provenance.ledger.api.security.FacilityAccess;
import org.provenance.ledger.api.security.Roles;
import org.provenance.ledger.api.write.LedgerWriter;
import org.provenance.ledger.api.write.Write;
import org.provenance.ledger.api.write.WriteKind;
import org.provenance.ledger.common.LedgerNotFoundException;
import org.provenance.ledger.facility.CorrectFacility;
import org.provenance.ledger.lot.VoidTransfer;
import org.provenance.ledger.projections.transfer.TransferProjection;
import org.provenance.ledger.projections.transfer.TransferView;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Corrections and voids (SPEC 12), callable without HTTP: REST uses them, and so can another intake
 * (an EPCIS errorDeclaration names a transfer that did not happen: {@link #voidTransfer}).
 */
@Component
public class CorrectionWrites {

    /** A facility correction as the client sends it. */
    public record CorrectionRequest(String id, Instant effectiveFrom, String country, String ownerCountry,
                                    String reason) {
    }

    /** What a correction's idempotency is keyed on: the same correction id for another facility is another body. */
    record CorrectionBody(String facilityId, String id, Instant effectiveFrom, String country, String ownerCountry,
                          String reason) {
    }

    public record VoidRequest(String reason) {
    }

    private final LedgerWriter writer;
    private final ProjectionBarrier barrier;
    private final TransferProjection transfers;
    private final FacilityAccess access;

    public CorrectionWrites(LedgerWriter writer, ProjectionBarrier barrier, TransferProjection transfers,
                            FacilityAccess access) {
        this.writer = writer;
        this.barrier = barrier;
        this.transfers = transfers;
        this.access = access;
    }

    public Write correctFacility(String facilityId, CorrectionRequest request) {
        WriteKind.CORRECTION.requireRole();
        return writer.prepare(WriteKind.CORRECTION, request.id(),
                new CorrectionBody(facilityId, request.id(), request.effectiveFrom(), request.country(),
                                   request.ownerCountry(), request.reason()),
                new CorrectFacility(request.id(), facilityId, request.effectiveFrom(), request.country(),
                                    request.ownerCountry(), request.reason()));
    }

    /**
     * The transfer's lot and seller are read from the transfers' read model, so the void waits until
     * it has seen every write this node acknowledged; whether the buyer moved or used the lot since
     * is decided by the lot's own stream.
     */
    public Write voidTransfer(String transferId, VoidRequest request) {
        WriteKind.VOID.requireRole();
        barrier.awaitAcknowledgedWrites();
        TransferView transfer = transfers.find(transferId)
                                         .orElseThrow(() -> new LedgerNotFoundException("transfer", transferId));
        if (!hasRole(Roles.COMPLIANCE)) {
            access.requireOperatorOf(transfer.fromFacilityId(), "fromFacilityId");
        }
        return writer.prepare(WriteKind.VOID, transferId, request,
                new VoidTransfer(transferId, transfer.lotId(), request.reason()));
    }

    private static boolean hasRole(String role) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role));
    }
}
