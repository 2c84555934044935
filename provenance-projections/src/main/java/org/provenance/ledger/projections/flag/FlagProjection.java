package org.provenance.ledger.projections.flag;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.provenance.ledger.composition.Provenance;
import org.provenance.ledger.flag.FlagReviewed;
import org.provenance.ledger.flag.FlagType;
import org.provenance.ledger.flag.PurchasePolicy;
import org.provenance.ledger.flag.RaisedFlag;
import org.provenance.ledger.lot.LotTransferred;
import org.provenance.ledger.bloc.MemberAdmitted;
import org.provenance.ledger.bloc.MembershipEnded;
import org.provenance.ledger.projections.bloc.BlocCalendar;
import org.provenance.ledger.projections.bloc.BlocProjection;
import org.provenance.ledger.projections.composition.CompositionProjection;
import org.provenance.ledger.projections.support.ProjectionNames;
import org.provenance.ledger.projections.support.StoredText;
import org.provenance.ledger.transformation.TransformationRecorded;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.List;

/**
 * Evaluates every purchase against the home bloc's membership and price floors in force at the
 * purchase's time, and every transformation's mass balance (SPEC 4). Flags are evaluated once, in
 * event order, so a replay raises exactly the same flags with the same ids.
 */
@Component
@ProcessingGroup(ProjectionNames.LEDGER)
public class FlagProjection {

    private final JdbcClient jdbc;
    private final BlocProjection blocs;
    private final CompositionProjection compositions;
    private final String homeBloc;
    // Touched by the projection thread only.
    private BlocCalendar homeCalendar;

    public FlagProjection(JdbcClient jdbc, BlocProjection blocs, CompositionProjection compositions,
                          @Value("${ledger.home-bloc}") String homeBloc) {
        this.jdbc = jdbc;
        this.blocs = blocs;
        this.compositions = compositions;
        this.homeBloc = homeBloc;
    }

    private record Parties(String buyerCountry, String sellerCountry, String sellerOwnerCountry, String mineral,
                           String form) {
    }

    @EventHandler
    void on(LotTransferred event) {
        Parties parties = jdbc.sql("""
                                   select b.country, s.country, s.owner_country, l.mineral, l.form
                                   from lot_view l, facility_view b, facility_view s
                                   where l.lot_id = ? and b.facility_id = ? and s.facility_id = ?""")
                              .params(StoredText.params(event.lotId(), event.toFacilityId(), event.fromFacilityId()))
                              .query((rs, n) -> new Parties(StoredText.decode(rs.getString(1)),
                                                            StoredText.decode(rs.getString(2)),
                                                            StoredText.decode(rs.getString(3)),
                                                            StoredText.decode(rs.getString(4)),
                                                            StoredText.decode(rs.getString(5))))
                              .single();
        var membership = calendar().at(event.occurredAt());
        if (!membership.isMember(parties.buyerCountry())) {
            return; // not a purchase for compliance purposes
        }
        Provenance provenance = compositions.provenanceOf(event.lotId());
        if (provenance == null) {
            throw new IllegalStateException("no composition for lot " + event.lotId());
        }
        PurchasePolicy.Price price = null;
        String priceDetail = null;
        if (event.unitPrice() != null) {
            BigDecimal floor = blocs.floor(homeBloc, parties.mineral(), parties.form(), event.unitPrice().currency(),
                                           event.occurredAt()).orElse(null);
            price = new PurchasePolicy.Price(event.unitPrice().amount(), floor);
            if (floor != null) {
                priceDetail = "paid " + event.unitPrice().amount().toPlainString() + " " + event.unitPrice().currency()
                        + "/kg for " + parties.mineral() + " " + parties.form() + "; the " + homeBloc + " floor was "
                        + floor.stripTrailingZeros().toPlainString() + " " + event.unitPrice().currency() + "/kg";
            }
        }
        for (RaisedFlag flag : PurchasePolicy.evaluate(provenance, membership, price)) {
            List<RaisedFlag.Evidence> evidence = flag.type() == FlagType.PRICE_BELOW_FLOOR
                    ? List.of(new RaisedFlag.Evidence(event.fromFacilityId(), parties.sellerCountry(),
                                                      parties.sellerOwnerCountry(), "SALE", event.lotId()))
                    : flag.evidence();
            insert(flag.type().idFor(event.transferId()), flag.type(), "TRANSFER", event.transferId(), event.lotId(),
                   event.fromFacilityId(), event.toFacilityId(), flag.share(), evidence,
                   flag.type() == FlagType.PRICE_BELOW_FLOOR ? priceDetail : null, event.occurredAt());
        }
    }

    @EventHandler
    void on(TransformationRecorded event) {
        if (!event.violatesMassBalance()) {
            return;
        }
        BigDecimal surplus = event.producedKg().subtract(event.consumedKg());
        String[] countries = jdbc.sql("select country, owner_country from facility_view where facility_id = ?")
                                 .param(StoredText.encode(event.facilityId()))
                                 .query((rs, n) -> new String[] {StoredText.decode(rs.getString(1)),
                                                                 StoredText.decode(rs.getString(2))})
                                 .single();
        String outputLot = event.outputs().get(0).lotId();
        insert(FlagType.MASS_BALANCE_VIOLATION.idFor(event.transformationId()), FlagType.MASS_BALANCE_VIOLATION,
               "TRANSFORMATION", event.transformationId(), outputLot, null, event.facilityId(),
               surplus.divide(event.producedKg(), MathContext.DECIMAL128),
               List.of(new RaisedFlag.Evidence(event.facilityId(), countries[0], countries[1], event.stage().name(),
                                               outputLot)),
               "produced " + event.producedKg().stripTrailingZeros().toPlainString() + " kg from "
                       + event.consumedKg().stripTrailingZeros().toPlainString() + " kg consumed",
               event.occurredAt());
    }

    /**
     * Every review is kept, keyed by its place in the flag's stream, so a batch handled twice or a
     * replay writes the same rows; the flag's status follows the latest, which is this one since
     * a stream's events arrive in order.
     */
    @EventHandler
    void on(FlagReviewed event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        jdbc.sql("""
                 insert into flag_review (flag_id, sequence, decision, note, principal, recorded_at)
                 values (?, ?, ?, ?, ?, ?)
                 on conflict (flag_id, sequence) do nothing""")
            .params(StoredText.params(event.flagId(), sequence, event.decision().name(), event.note(),
                                      event.reviewer(), java.sql.Timestamp.from(recordedAt)))
            .update();
        jdbc.sql("update flag set status = ? where flag_id = ?")
            .params(StoredText.params(event.decision().name(), event.flagId()))
            .update();
    }

    /** Membership changes are rare and purchases many: the home bloc's calendar is read once per change. */
    @EventHandler
    void on(MemberAdmitted event) {
        homeCalendar = null;
    }

    @EventHandler
    void on(MembershipEnded event) {
        homeCalendar = null;
    }

    private BlocCalendar calendar() {
        if (homeCalendar == null) {
            homeCalendar = blocs.calendar(homeBloc);
        }
        return homeCalendar;
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from flag_review").update();
        jdbc.sql("delete from flag").update();
        homeCalendar = null;
    }

    private void insert(String flagId, FlagType type, String subjectKind, String subjectId, String lotId,
                        String fromFacilityId, String toFacilityId, BigDecimal share,
                        List<RaisedFlag.Evidence> evidence, String detail, Instant raisedAt) {
        jdbc.sql("""
                 insert into flag (flag_id, type, subject_kind, subject_id, lot_id, from_facility_id, to_facility_id,
                                   share, evidence, detail, status, raised_at)
                 values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, 'OPEN', ?)
                 on conflict (flag_id) do nothing""")
            .params(StoredText.encode(flagId), type.name(), StoredText.encode(subjectKind),
                    StoredText.encode(subjectId), StoredText.encode(lotId), StoredText.encode(fromFacilityId),
                    StoredText.encode(toFacilityId), share,
                    FlagJson.evidence(evidence), StoredText.encode(detail), java.sql.Timestamp.from(raisedAt))
            .update();
    }
}
