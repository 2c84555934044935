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
import org.provenance.ledger.bloc.PriceFloorSet;
import org.provenance.ledger.lot.LotExtracted;
import org.provenance.ledger.lot.LotProduced;
import org.provenance.ledger.lot.LotRegistered;
import org.provenance.ledger.lot.LotTransferred;
import org.provenance.ledger.bloc.MemberAdmitted;
import org.provenance.ledger.bloc.MembershipEnded;
import org.provenance.ledger.projections.bloc.BlocCalendar;
import org.provenance.ledger.projections.bloc.BlocProjection;
import org.provenance.ledger.projections.composition.CompositionProjection;
import org.provenance.ledger.projections.support.BoundedCache;
import org.provenance.ledger.projections.support.ProjectionBuffer;
import org.provenance.ledger.projections.support.ProjectionCaches;
import org.provenance.ledger.projections.support.ProjectionBuffer.Statement;
import org.provenance.ledger.projections.support.ProjectionNames;
import org.provenance.ledger.projections.support.StoredText;
import org.provenance.ledger.transformation.TransformationRecorded;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates every purchase against the home bloc's membership and price floors in force at the
 * purchase's time, and every transformation's mass balance (SPEC 4). Flags are evaluated once, in
 * event order, so a replay raises exactly the same flags with the same ids.
 * <p>
 * What a purchase is judged by is kept in memory on the projection thread: the lot's mineral and
 * form (from its creation event), the parties' countries (the composition projection's facility
 * facts), the home bloc's calendar and floors (reloaded after a bloc event). Only a cache miss
 * reads the tables, after flushing the batch's pending rows.
 */
@Component
@ProcessingGroup(ProjectionNames.LEDGER)
public class FlagProjection implements ProjectionCaches {

    private static final Statement INSERT_FLAG = Statement.insert("""
            insert into flag (flag_id, type, subject_kind, subject_id, lot_id, from_facility_id, to_facility_id,
                              share, evidence, detail, status, raised_at, known_from, cause)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, 'OPEN', ?, ?, ?)
            on conflict (flag_id) do nothing""");
    private static final Statement INSERT_REVIEW = Statement.insert("""
            insert into flag_review (flag_id, sequence, decision, note, principal, recorded_at)
            values (?, ?, ?, ?, ?, ?)
            on conflict (flag_id, sequence) do nothing""");
    // After the batch's inserts, so a flag raised and reviewed in one batch ends with the review's status.
    // A withdrawn flag stays WITHDRAWN; its reviews are kept and decide its status if a correction raises it again.
    private static final Statement UPDATE_STATUS = Statement.update(
            "update flag set status = ? where flag_id = ? and withdrawn_by is null");

    private record LotFacts(String mineral, String form) {
    }

    private final JdbcClient jdbc;
    private final ProjectionBuffer buffer;
    private final BlocProjection blocs;
    private final CompositionProjection compositions;
    private final String homeBloc;
    // Touched by the projection thread only.
    private BlocCalendar homeCalendar;
    private final Map<String, List<Floor>> floors = new HashMap<>();
    private final BoundedCache<String, LotFacts> lots = new BoundedCache<>(50_000);

    private record Floor(Instant from, BigDecimal pricePerKg) {
    }

    public FlagProjection(JdbcClient jdbc, ProjectionBuffer buffer, BlocProjection blocs,
                          CompositionProjection compositions, @Value("${ledger.home-bloc}") String homeBloc) {
        this.jdbc = jdbc;
        this.buffer = buffer;
        this.blocs = blocs;
        this.compositions = compositions;
        this.homeBloc = homeBloc;
    }

    @EventHandler
    void on(LotExtracted event) {
        lots.put(event.lotId(), new LotFacts(event.mineral(), event.form()));
    }

    @EventHandler
    void on(LotRegistered event) {
        lots.put(event.lotId(), new LotFacts(event.mineral(), event.form()));
    }

    @EventHandler
    void on(LotProduced event) {
        lots.put(event.lotId(), new LotFacts(event.mineral(), event.form()));
    }

    /** A transfer as a purchase is judged: from its event, or from transfer_view when a correction re-evaluates it. */
    public record Purchase(String transferId, String lotId, String fromFacilityId, String toFacilityId,
                           BigDecimal priceAmount, String priceCurrency, Instant occurredAt) {

        static Purchase of(LotTransferred event) {
            return new Purchase(event.transferId(), event.lotId(), event.fromFacilityId(), event.toFacilityId(),
                                event.unitPrice() == null ? null : event.unitPrice().amount(),
                                event.unitPrice() == null ? null : event.unitPrice().currency(), event.occurredAt());
        }
    }

    /** A flag a purchase raises, as stored (evidence as JSON with encoded strings). */
    public record PurchaseFlag(String flagId, FlagType type, BigDecimal share, String evidence, String detail) {
    }

    @EventHandler
    void on(LotTransferred event, @Timestamp Instant recordedAt) {
        Purchase purchase = Purchase.of(event);
        for (PurchaseFlag flag : evaluate(purchase, () -> compositions.provenanceOf(event.lotId()))) {
            insert(flag.flagId(), flag.type(), "TRANSFER", event.transferId(), event.lotId(), event.fromFacilityId(),
                   event.toFacilityId(), flag.share(), flag.evidence(), flag.detail(), event.occurredAt(), recordedAt,
                   null);
        }
    }

    /**
     * For the projection thread: the flags a purchase raises with the lot's provenance given, against
     * the parties' facts at the purchase's time (with corrections) and the home bloc's calendar and
     * floors as this projection knows them; empty when it is not a purchase. The one evaluation, for
     * the transfer's event and for a correction's re-evaluation alike. The provenance is asked for only
     * when the transfer is a purchase.
     */
    public List<PurchaseFlag> evaluate(Purchase event, java.util.function.Supplier<Provenance> provenanceOfLot) {
        Provenance.Facility buyer = compositions.facility(event.toFacilityId(), event.occurredAt());
        var membership = calendar().at(event.occurredAt());
        if (!membership.isMember(buyer.country())) {
            return List.of(); // not a purchase for compliance purposes
        }
        Provenance provenance = provenanceOfLot.get();
        if (provenance == null) {
            throw new IllegalStateException("no composition for lot " + event.lotId());
        }
        Provenance.Facility seller = compositions.facility(event.fromFacilityId(), event.occurredAt());
        PurchasePolicy.Price price = null;
        String priceDetail = null;
        if (event.priceAmount() != null) {
            LotFacts lot = lot(event.lotId());
            BigDecimal floor = floor(lot, event.priceCurrency(), event.occurredAt());
            price = new PurchasePolicy.Price(event.priceAmount(), floor);
            if (floor != null) {
                priceDetail = "paid " + event.priceAmount().toPlainString() + " " + event.priceCurrency()
                        + "/kg for " + lot.mineral() + " " + lot.form() + "; the " + homeBloc + " floor was "
                        + floor.stripTrailingZeros().toPlainString() + " " + event.priceCurrency() + "/kg";
            }
        }
        List<PurchaseFlag> raised = new java.util.ArrayList<>();
        for (RaisedFlag flag : PurchasePolicy.evaluate(provenance, membership, price)) {
            List<RaisedFlag.Evidence> evidence = flag.type() == FlagType.PRICE_BELOW_FLOOR
                    ? List.of(new RaisedFlag.Evidence(event.fromFacilityId(), seller.country(),
                                                      seller.ownerCountry(), "SALE", event.lotId()))
                    : flag.evidence();
            raised.add(new PurchaseFlag(flag.type().idFor(event.transferId()), flag.type(), flag.share(),
                                        FlagJson.evidence(evidence),
                                        flag.type() == FlagType.PRICE_BELOW_FLOOR ? priceDetail : null));
        }
        return raised;
    }

    @EventHandler
    void on(TransformationRecorded event, @Timestamp Instant recordedAt) {
        if (!event.violatesMassBalance()) {
            return;
        }
        BigDecimal surplus = event.producedKg().subtract(event.consumedKg());
        Provenance.Facility facility = compositions.facility(event.facilityId(), event.occurredAt());
        String outputLot = event.outputs().get(0).lotId();
        insert(FlagType.MASS_BALANCE_VIOLATION.idFor(event.transformationId()), FlagType.MASS_BALANCE_VIOLATION,
               "TRANSFORMATION", event.transformationId(), outputLot, null, event.facilityId(),
               surplus.divide(event.producedKg(), MathContext.DECIMAL128),
               FlagJson.evidence(List.of(new RaisedFlag.Evidence(event.facilityId(), facility.country(),
                                                                 facility.ownerCountry(), event.stage().name(),
                                                                 outputLot))),
               "produced " + event.producedKg().stripTrailingZeros().toPlainString() + " kg from "
                       + event.consumedKg().stripTrailingZeros().toPlainString() + " kg consumed",
               event.occurredAt(), recordedAt, null);
    }

    /**
     * Every review is kept, keyed by its place in the flag's stream, so a batch handled twice or a
     * replay writes the same rows; the flag's status follows the latest, which is this one since
     * a stream's events arrive in order.
     */
    @EventHandler
    void on(FlagReviewed event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        buffer.add(INSERT_REVIEW, event.flagId(), sequence, event.decision().name(), event.note(), event.reviewer(),
                   java.sql.Timestamp.from(recordedAt));
        buffer.add(UPDATE_STATUS, event.decision().name(), event.flagId());
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

    @EventHandler
    void on(PriceFloorSet event) {
        floors.clear();
    }

    private BlocCalendar calendar() {
        if (homeCalendar == null) {
            homeCalendar = blocs.calendarInBatch(homeBloc);
        }
        return homeCalendar;
    }

    private LotFacts lot(String lotId) {
        LotFacts facts = lots.get(lotId, id -> {
            buffer.flush();
            return jdbc.sql("select mineral, form from lot_view where lot_id = ?").param(StoredText.encode(id))
                       .query((rs, n) -> new LotFacts(StoredText.decode(rs.getString(1)),
                                                      StoredText.decode(rs.getString(2))))
                       .optional().orElse(null);
        });
        if (facts == null) {
            throw new IllegalStateException("lot " + lotId + " is not projected");
        }
        return facts;
    }

    /** The home bloc's floor in force at the instant for this mineral, form and currency, or null. */
    private BigDecimal floor(LotFacts lot, String currency, Instant at) {
        List<Floor> newestFirst = floors.computeIfAbsent(lot.mineral() + '\u0000' + lot.form() + '\u0000' + currency,
                k -> {
                    buffer.flush();
                    return jdbc.sql("""
                                    select effective_from, price_per_kg from price_floor
                                    where bloc_id = ? and mineral = ? and form = ? and currency = ?
                                    order by effective_from desc""")
                               .params(StoredText.params(homeBloc, lot.mineral(), lot.form(), currency))
                               .query((rs, n) -> new Floor(rs.getTimestamp(1).toInstant(), rs.getBigDecimal(2)))
                               .list();
                });
        for (Floor floor : newestFirst) {
            if (!floor.from().isAfter(at)) {
                return floor.pricePerKg();
            }
        }
        return null;
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from flag_review").update();
        jdbc.sql("delete from flag").update();
        dropCaches();
    }

    /** Called while the processor is stopped (a switch), or from its own thread (a reset). */
    @Override
    public void dropCaches() {
        homeCalendar = null;
        floors.clear();
        lots.clear();
    }

    /**
     * For the projection thread: a new flag. raisedAt is the purchase's business time; knownFrom the
     * record time of the event that raised it; cause the correction that raised it (null: the purchase).
     */
    public void insert(String flagId, FlagType type, String subjectKind, String subjectId, String lotId,
                       String fromFacilityId, String toFacilityId, BigDecimal share,
                       String evidence, String detail, Instant raisedAt, Instant knownFrom, String cause) {
        // evidence is JSON whose strings FlagJson has encoded already.
        buffer.addEncoded(INSERT_FLAG, StoredText.encode(flagId), type.name(), StoredText.encode(subjectKind),
                          StoredText.encode(subjectId), StoredText.encode(lotId), StoredText.encode(fromFacilityId),
                          StoredText.encode(toFacilityId), share, evidence,
                          StoredText.encode(detail), java.sql.Timestamp.from(raisedAt),
                          java.sql.Timestamp.from(knownFrom), StoredText.encode(cause));
    }
}
