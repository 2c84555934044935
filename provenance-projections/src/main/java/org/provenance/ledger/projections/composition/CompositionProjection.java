package org.provenance.ledger.projections.composition;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.provenance.ledger.composition.Provenance;
import org.provenance.ledger.facility.FacilityRegistered;
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
            insert into lot_composition (lot_id, routes, contributors) values (?, ?::jsonb, ?::jsonb)
            on conflict (lot_id) do nothing""");

    private final JdbcClient jdbc;
    private final ProjectionBuffer buffer;
    // Used by the projection thread only: inputs of transformations and lots being sold are
    // mostly lots created shortly before, and facilities are few.
    private final BoundedCache<String, Provenance> recent = new BoundedCache<>(50_000);
    private final BoundedCache<String, Provenance.Facility> facilities = new BoundedCache<>(10_000);

    public CompositionProjection(JdbcClient jdbc, ProjectionBuffer buffer) {
        this.jdbc = jdbc;
        this.buffer = buffer;
    }

    @EventHandler
    void on(FacilityRegistered event) {
        facilities.put(event.facilityId(),
                       new Provenance.Facility(event.facilityId(), event.country(), event.ownerCountry()));
    }

    @EventHandler
    void on(LotExtracted event) {
        store(event.lotId(), Provenance.extracted(event.lotId(), facility(event.mineId())));
    }

    @EventHandler
    void on(LotRegistered event) {
        store(event.lotId(), Provenance.registered(event.lotId(), facility(event.custodianId()), event.declaredOrigin()));
    }

    @EventHandler
    void on(TransformationRecorded event) {
        List<Provenance.Input> weighted = new ArrayList<>();
        for (TransformationRecorded.Input input : event.inputs()) {
            Provenance provenance = provenanceOf(input.lotId());
            if (provenance == null) {
                throw new IllegalStateException("no composition for input lot " + input.lotId()
                                                        + " of transformation " + event.transformationId());
            }
            weighted.add(new Provenance.Input(provenance, input.massKg()));
        }
        Provenance output = Provenance.transformed(weighted, event.stage(), facility(event.facilityId()),
                                                   event.producedKg(), event.outputs().get(0).lotId());
        String routes = StoredProvenance.routes(output.composition());
        String contributors = StoredProvenance.contributors(output.contributors());
        for (TransformationRecorded.Output out : event.outputs()) {
            insert(out.lotId(), routes, contributors);
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

    /** For the projection thread: a facility's id and countries, as registered. */
    public Provenance.Facility facility(String facilityId) {
        Provenance.Facility facility = facilities.get(facilityId, id -> {
            buffer.flush();
            return jdbc.sql("select facility_id, country, owner_country from facility_view where facility_id = ?")
                       .param(StoredText.encode(id))
                       .query((rs, n) -> new Provenance.Facility(StoredText.decode(rs.getString(1)),
                                                                 StoredText.decode(rs.getString(2)),
                                                                 StoredText.decode(rs.getString(3))))
                       .optional().orElse(null);
        });
        if (facility == null) {
            throw new IllegalStateException("facility " + facilityId + " is not projected");
        }
        return facility;
    }

    private void store(String lotId, Provenance provenance) {
        recent.put(lotId, provenance);
        insert(lotId, StoredProvenance.routes(provenance.composition()),
               StoredProvenance.contributors(provenance.contributors()));
    }

    private void insert(String lotId, String routes, String contributors) {
        // routes and contributors are JSON whose strings StoredProvenance has encoded already (encoding is
        // idempotent only for text without U+E000, so they must not pass through StoredText again).
        buffer.addEncoded(INSERT, StoredText.encode(lotId), routes, contributors);
    }
}
