package org.provenance.ledger.api.facility;

import org.provenance.ledger.api.epcis.EpcisIdentifiers;
import org.provenance.ledger.api.write.LedgerWriter;
import org.provenance.ledger.api.write.Write;
import org.provenance.ledger.api.write.WriteKind;
import org.provenance.ledger.facility.RegisterFacility;
import org.springframework.stereotype.Component;

/** The facility writes, callable without HTTP (REST, batch lines, batch jobs): each checks its permission. */
@Component
public class FacilityWrites {

    private final LedgerWriter writer;

    public FacilityWrites(LedgerWriter writer) {
        this.writer = writer;
    }

    public Write register(FacilityController.FacilityRequest request) {
        WriteKind.FACILITY.requireRole();
        return writer.prepare(WriteKind.FACILITY, request.id(), request,
                new RegisterFacility(request.id(), request.name(), request.kind(), request.country(),
                                     request.ownerCountry(), request.externalId(),
                                     request.locations() == null ? null
                                             : request.locations().stream().map(EpcisIdentifiers::toUrn).toList()));
    }
}
