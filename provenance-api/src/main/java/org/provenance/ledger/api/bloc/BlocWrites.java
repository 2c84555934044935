package org.provenance.ledger.api.bloc;

import org.provenance.ledger.api.write.LedgerWriter;
import org.provenance.ledger.api.write.Write;
import org.provenance.ledger.api.write.WriteKind;
import org.provenance.ledger.bloc.AdmitMember;
import org.provenance.ledger.bloc.CreateBloc;
import org.provenance.ledger.bloc.EndMembership;
import org.provenance.ledger.bloc.SetPriceFloor;
import org.springframework.stereotype.Component;

/** The bloc writes, callable without HTTP (REST, batch lines, batch jobs): each checks its permission. */
@Component
public class BlocWrites {

    private final LedgerWriter writer;

    public BlocWrites(LedgerWriter writer) {
        this.writer = writer;
    }

    public Write create(BlocController.BlocRequest request) {
        WriteKind.BLOC.requireRole();
        return writer.prepare(WriteKind.BLOC, request.id(), request, new CreateBloc(request.id(), request.name()));
    }

    public Write admit(String blocId, String country, BlocController.MembershipRequest request) {
        WriteKind.ADMISSION.requireRole();
        return writer.prepareByContent(WriteKind.ADMISSION, blocId + ":" + country, request,
                new AdmitMember(blocId, country, request.effectiveFrom()));
    }

    public Write end(String blocId, String country, BlocController.MembershipRequest request) {
        WriteKind.DEPARTURE.requireRole();
        return writer.prepareByContent(WriteKind.DEPARTURE, blocId + ":" + country, request,
                new EndMembership(blocId, country, request.effectiveFrom()));
    }

    public Write priceFloor(String blocId, String mineral, String form, BlocController.PriceFloorRequest request) {
        WriteKind.PRICE_FLOOR.requireRole();
        return writer.prepareByContent(WriteKind.PRICE_FLOOR, blocId + ":" + mineral + ":" + form, request,
                new SetPriceFloor(blocId, mineral, form, request.currency(), request.pricePerKg(),
                                  request.effectiveFrom()));
    }
}
