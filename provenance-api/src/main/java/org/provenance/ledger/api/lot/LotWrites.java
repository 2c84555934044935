package org.provenance.ledger.api.lot;

import org.provenance.ledger.api.security.FacilityAccess;
import org.provenance.ledger.api.write.LedgerWriter;
import org.provenance.ledger.api.write.Write;
import org.provenance.ledger.api.write.WriteKind;
import org.provenance.ledger.lot.ExtractLot;
import org.provenance.ledger.lot.RegisterLot;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** The writes that create lots, callable without HTTP (REST, batch lines, batch jobs): each checks its permission. */
@Component
public class LotWrites {

    private final LedgerWriter writer;
    private final FacilityAccess access;

    public LotWrites(LedgerWriter writer, FacilityAccess access) {
        this.writer = writer;
        this.access = access;
    }

    public Write extract(LotController.ExtractionRequest request) {
        WriteKind.EXTRACTION.requireRole();
        access.requireOperatorOf(request.mineId(), "mineId");
        return writer.prepare(WriteKind.EXTRACTION, request.lotId(), request,
                new ExtractLot(request.lotId(), request.mineId(), request.mineral(), request.form(), request.massKg(),
                               orNow(request.occurredAt())));
    }

    public Write register(LotController.RegistrationRequest request) {
        WriteKind.REGISTRATION.requireRole();
        access.requireOperatorOf(request.custodianId(), "custodianId");
        return writer.prepare(WriteKind.REGISTRATION, request.lotId(), request,
                new RegisterLot(request.lotId(), request.custodianId(), request.mineral(), request.form(),
                                request.massKg(), request.declaredOrigin(), orNow(request.occurredAt())));
    }

    static Instant orNow(Instant occurredAt) {
        return occurredAt == null ? Instant.now() : occurredAt;
    }
}
