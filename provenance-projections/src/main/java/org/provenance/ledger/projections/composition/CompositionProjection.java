package org.provenance.ledger.projections.composition;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.provenance.ledger.composition.Provenance;
import org.provenance.ledger.facility.FacilityCorrected;
import org.provenance.ledger.facility.FacilityRegistered;
import org.provenance.ledger.facility.FacilityTimeline;
import org.provenance.ledger.lot.LotExtracted;
import org.provenance.ledger.lot.LotRegistered;
import org.provenance.ledger.projections.support.BoundedCache;
import org.provenance.ledger.projections.support.ProjectionBuffer;
import org.provenance.ledger.projections.support.ProjectionCaches;
import org.provenance.ledger.projections.support.ProjectionBuffer.Statement;
import org.provenance.ledger.projections.support.ProjectionNames;
import org.provenance.ledger.projections.support.StoredText;
import org.provenance.ledger.transformation.TransformationRecorded;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Computes each lot's composition once, when the lot is created, from its inputs' stored
 * compositions: a lot's read cost does not grow with its depth. Facts about facilities are kept
 * from their registration events (facility_view, filled earlier in the same processing group, once
 * they left the cache); compositions of recent lots from this projection's own writes. A read of
 * the tables first flushes the batch's pending rows ({@link ProjectionBuffer}).
 */
@Component
@ProcessingGroup(ProjectionNames.LEDGER)
public class CompositionProjection implements ProjectionCaches {

    private static final Statement INSERT = Statement.insert("""
            insert into lot_composition (lot_id, routes, contributors, known_from) values (?, ?::jsonb, ?::jsonb, ?)
            on conflict (lot_id) do nothing""");

    private final JdbcClient jdbc;
    private final ProjectionBuffer buffer;
    // Used by the projection thread only: inputs of transformations and lots being sold are
    // mostly lots created shortly before, and facilities are few.
    private final BoundedCache<String, Provenance> recent = new BoundedCache<>(50_000);
    private final BoundedCache<String, FacilityTimeline> facilities = new BoundedCache<>(10_000);

    public CompositionProjection(JdbcClient jdbc, ProjectionBuffer buffer) {
        this.jdbc = jdbc;
        this.buffer = buffer;
    }

    @EventHandler
    void on(FacilityRegistered event) {
        facilities.put(event.facilityId(), FacilityTimeline.of(
                new Provenance.Facility(event.facilityId(), event.country(), event.ownerCountry())));
    }

    // Record time is the event's timestamp, in a replay too: an asKnownAt read gets the same answer after it.
    @EventHandler
    void on(LotExtracted event, @Timestamp Instant recordedAt) {
        store(event.lotId(), Provenance.extracted(event.lotId(), facility(event.mineId(), event.occurredAt())),
              recordedAt);
    }

    @EventHandler
    void on(LotRegistered event, @Timestamp Instant recordedAt) {
        store(event.lotId(), Provenance.registered(event.lotId(), facility(event.custodianId(), event.occurredAt()),
                                                   event.declaredOrigin()), recordedAt);
    }

    @EventHandler
    void on(TransformationRecorded event, @Timestamp Instant recordedAt) {
        List<Provenance.Input> weighted = new ArrayList<>();
        for (TransformationRecorded.Input input : event.inputs()) {
            Provenance provenance = provenanceOf(input.lotId());
            if (provenance == null) {
                throw new IllegalStateException("no composition for input lot " + input.lotId()
                                                        + " of transformation " + event.transformationId());
            }
            weighted.add(new Provenance.Input(provenance, input.massKg()));
        }
        Provenance output = Provenance.transformed(weighted, event.stage(),
                                                   facility(event.facilityId(), event.occurredAt()),
                                                   event.producedKg(), event.outputs().get(0).lotId());
        String routes = StoredProvenance.routes(output.composition());
        String contributors = StoredProvenance.contributors(output.contributors());
        for (TransformationRecorded.Output out : event.outputs()) {
            insert(out.lotId(), routes, contributors, recordedAt);
            recent.put(out.lotId(), output);
        }
    }

    /** For the projection thread: a lot's provenance, from the cache when it was seen lately. */
    public Provenance provenanceOf(String lotId) {
        return recent.get(lotId, id -> {
            buffer.flush();
            return find(id).orElse(null);
        });
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from lot_composition").update();
        dropCaches();
    }

    @Override
    public void dropCaches() {
        recent.clear();
        facilities.clear();
    }

    public Optional<Provenance> find(String lotId) {
        return jdbc.sql("select routes::text, contributors::text from lot_composition where lot_id = ?")
                   .param(StoredText.encode(lotId))
                   .query((rs, n) -> StoredProvenance.read(rs.getString(1), rs.getString(2)))
                   .optional();
    }

    /**
     * The lot's composition as the ledger knew it at a record time: the current version if it was
     * known by then, else the version a correction replaced that was current then; empty if the
     * ledger did not know the lot yet. Rows written before record time was kept (V100) count as known
     * since always.
     */
    public Optional<Provenance> findKnownAt(String lotId, Instant knownAt) {
        java.sql.Timestamp at = java.sql.Timestamp.from(knownAt);
        String id = StoredText.encode(lotId);
        return jdbc.sql("""
                        select routes::text, contributors::text from lot_composition
                        where lot_id = ? and (known_from is null or known_from <= ?)
                        union all
                        select routes::text, contributors::text from lot_composition_history
                        where lot_id = ? and (known_from is null or known_from <= ?) and known_to > ?
                        limit 1""")
                   .params(id, at, id, at, at)
                   .query((rs, n) -> StoredProvenance.read(rs.getString(1), rs.getString(2)))
                   .optional();
    }

    /** For the projection thread: a facility's id and countries at an instant of business time, with corrections. */
    public Provenance.Facility facility(String facilityId, Instant at) {
        return timeline(facilityId).at(at);
    }

    /** For the projection thread: a facility as registered and every correction of it so far, in record order. */
    public FacilityTimeline timeline(String facilityId) {
        FacilityTimeline timeline = facilities.get(facilityId, id -> {
            buffer.flush();
            Provenance.Facility registered = jdbc.sql(
                            "select facility_id, country, owner_country from facility_view where facility_id = ?")
                       .param(StoredText.encode(id))
                       .query((rs, n) -> new Provenance.Facility(StoredText.decode(rs.getString(1)),
                                                                 StoredText.decode(rs.getString(2)),
                                                                 StoredText.decode(rs.getString(3))))
                       .optional().orElse(null);
            if (registered == null) {
                return null;
            }
            List<FacilityCorrected> corrections = jdbc.sql("""
                            select correction_id, effective_from, country, owner_country, reason
                            from facility_correction where facility_id = ? order by sequence""")
                       .param(StoredText.encode(id))
                       .query((rs, n) -> new FacilityCorrected(StoredText.decode(rs.getString(1)), id,
                                                               rs.getTimestamp(2).toInstant(),
                                                               StoredText.decode(rs.getString(3)),
                                                               StoredText.decode(rs.getString(4)),
                                                               StoredText.decode(rs.getString(5))))
                       .list();
            return new FacilityTimeline(registered, corrections);
        });
        if (timeline == null) {
            throw new IllegalStateException("facility " + facilityId + " is not projected");
        }
        return timeline;
    }

    /** For the projection thread: a correction recorded (its row already written) applies to later events. */
    public void corrected(FacilityCorrected correction) {
        FacilityTimeline before = timeline(correction.facilityId());
        facilities.put(correction.facilityId(), before.with(correction));
    }

    /** For the projection thread: a lot's provenance was recomputed and its new version written. */
    public void replaced(String lotId, Provenance provenance) {
        recent.put(lotId, provenance);
    }

    private void store(String lotId, Provenance provenance, Instant recordedAt) {
        recent.put(lotId, provenance);
        insert(lotId, StoredProvenance.routes(provenance.composition()),
               StoredProvenance.contributors(provenance.contributors()), recordedAt);
    }

    private void insert(String lotId, String routes, String contributors, Instant recordedAt) {
        // routes and contributors are JSON whose strings StoredProvenance has encoded already (encoding is
        // idempotent only for text without U+E000, so they must not pass through StoredText again).
        buffer.addEncoded(INSERT, StoredText.encode(lotId), routes, contributors, java.sql.Timestamp.from(recordedAt));
    }
}
