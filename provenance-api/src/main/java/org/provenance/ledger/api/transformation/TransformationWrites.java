package org.provenance.ledger.api.transformation;

import org.provenance.ledger.api.security.FacilityAccess;
import org.provenance.ledger.api.write.LedgerWriter;
import org.provenance.ledger.api.write.Write;
import org.provenance.ledger.api.write.WriteKind;
import org.provenance.ledger.transformation.TransformLots;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** Recording a transformation, callable without HTTP (REST, batch lines, batch jobs). */
@Component
public class TransformationWrites {

    private final LedgerWriter writer;
    private final FacilityAccess access;

    public TransformationWrites(LedgerWriter writer, FacilityAccess access) {
        this.writer = writer;
        this.access = access;
    }

    public Write transform(TransformationController.TransformationRequest request) {
        WriteKind.TRANSFORMATION.requireRole();
        access.requireOperatorOf(request.facilityId(), "facilityId");
        return writer.prepare(WriteKind.TRANSFORMATION, request.id(), request,
                new TransformLots(request.id(), request.facilityId(), request.stage(), request.inputs(),
                                  request.outputs(), request.occurredAt() == null ? Instant.now() : request.occurredAt()));
    }
}
