package org.provenance.ledger.api.transfer;

import org.provenance.ledger.api.security.FacilityAccess;
import org.provenance.ledger.api.write.LedgerWriter;
import org.provenance.ledger.api.write.Write;
import org.provenance.ledger.api.write.WriteKind;
import org.provenance.ledger.lot.TransferLot;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** Recording a transfer of custody, callable without HTTP (REST, batch lines, batch jobs). */
@Component
public class TransferWrites {

    private final LedgerWriter writer;
    private final FacilityAccess access;

    public TransferWrites(LedgerWriter writer, FacilityAccess access) {
        this.writer = writer;
        this.access = access;
    }

    public Write transfer(TransferController.TransferRequest request) {
        WriteKind.TRANSFER.requireRole();
        access.requireOperatorOf(request.fromFacilityId(), "fromFacilityId");
        return writer.prepare(WriteKind.TRANSFER, request.id(), request,
                new TransferLot(request.id(), request.lotId(), request.fromFacilityId(), request.toFacilityId(),
                                request.unitPrice(),
                                request.occurredAt() == null ? Instant.now() : request.occurredAt()));
    }
}
