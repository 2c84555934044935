package org.provenance.ledger.projections.flag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
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
    private final ObjectMapper json;
    private final String homeBloc;
    // Touched by the projection thread only.
    private BlocCalendar homeCalendar;

    public FlagProjection(JdbcClient jdbc, BlocProjection blocs, CompositionProjection compositions, ObjectMapper json,
                          @Value("${ledger.home-bloc}") String homeBloc) {
        this.jdbc = jdbc;
        this.blocs = blocs;
        this.compositions = compositions;
        this.json = json;
        this.homeBloc = homeBloc;
    }

    private record Parties(String buyerCountry, String sellerCountry, String mineral, String form) {
    }

    @EventHandler
    void on(LotTransferred event) {
        Parties parties = jdbc.sql("""
                                   select b.country, s.country, l.mineral, l.form
                                   from lot_view l, facility_view b, facility_view s
                                   where l.lot_id = ? and b.facility_id = ? and s.facility_id = ?""")
                              .params(event.lotId(), event.toFacilityId(), event.fromFacilityId())
                              .query((rs, n) -> new Parties(rs.getString(1), rs.getString(2), rs.getString(3),
                                                            rs.getString(4)))
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
                    ? List.of(new RaisedFlag.Evidence(event.fromFacilityId(), parties.sellerCountry(), "SALE",
                                                      event.lotId()))
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
        String country = jdbc.sql("select country from facility_view where facility_id = ?")
                             .param(event.facilityId()).query(String.class).single();
        String outputLot = event.outputs().get(0).lotId();
        insert(FlagType.MASS_BALANCE_VIOLATION.idFor(event.transformationId()), FlagType.MASS_BALANCE_VIOLATION,
               "TRANSFORMATION", event.transformationId(), outputLot, null, event.facilityId(),
               surplus.divide(event.producedKg(), MathContext.DECIMAL128),
               List.of(new RaisedFlag.Evidence(event.facilityId(), country, event.stage().name(), outputLot)),
               "produced " + event.producedKg().stripTrailingZeros().toPlainString() + " kg from "
                       + event.consumedKg().stripTrailingZeros().toPlainString() + " kg consumed",
               event.occurredAt());
    }

    @EventHandler
    void on(FlagReviewed event, @Timestamp Instant recordedAt) {
        jdbc.sql("""
                 update flag set status = ?, review_decision = ?, review_note = ?, reviewer = ?, reviewed_at = ?
                 where flag_id = ?""")
            .params(event.decision().name(), event.decision().name(), event.note(), event.reviewer(),
                    java.sql.Timestamp.from(recordedAt), event.flagId())
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
            .params(flagId, type.name(), subjectKind, subjectId, lotId, fromFacilityId, toFacilityId, share,
                    write(evidence), detail, java.sql.Timestamp.from(raisedAt))
            .update();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
