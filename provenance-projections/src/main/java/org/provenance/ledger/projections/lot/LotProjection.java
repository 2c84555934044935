package org.provenance.ledger.projections.lot;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.provenance.ledger.lot.LotConsumed;
import org.provenance.ledger.lot.LotExtracted;
import org.provenance.ledger.lot.LotProduced;
import org.provenance.ledger.lot.LotRegistered;
import org.provenance.ledger.lot.LotTransferred;
import org.provenance.ledger.projections.support.ProjectionNames;
import org.provenance.ledger.projections.support.StoredText;
import org.provenance.ledger.transformation.TransformationRecorded;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Lot state and lineage edges. Every write sets absolute values or inserts keyed rows, so handling
 * an event twice (a retried batch) changes nothing.
 */
@Component
@ProcessingGroup(ProjectionNames.LEDGER)
public class LotProjection {

    private final JdbcClient jdbc;

    public LotProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(LotExtracted event) {
        insertLot(event.lotId(), event.mineral(), event.form(), event.massKg(), event.mineId(), "EXTRACTION",
                  event.mineId(), null, event.occurredAt());
    }

    @EventHandler
    void on(LotRegistered event) {
        insertLot(event.lotId(), event.mineral(), event.form(), event.massKg(), event.custodianId(), "REGISTRATION",
                  event.custodianId(), event.declaredOrigin(), event.occurredAt());
    }

    @EventHandler
    void on(LotProduced event) {
        insertLot(event.lotId(), event.mineral(), event.form(), event.massKg(), event.facilityId(), "TRANSFORMATION",
                  event.transformationId(), null, event.occurredAt());
    }

    @EventHandler
    void on(LotTransferred event) {
        jdbc.sql("update lot_view set custodian_id = ?, updated_at = ? where lot_id = ?")
            .params(StoredText.params(event.toFacilityId(), ts(event.occurredAt()), event.lotId()))
            .update();
    }

    @EventHandler
    void on(LotConsumed event) {
        jdbc.sql("update lot_view set remaining_kg = ?, updated_at = ? where lot_id = ?")
            .params(StoredText.params(event.remainingKg(), ts(event.occurredAt()), event.lotId()))
            .update();
    }

    @EventHandler
    void on(TransformationRecorded event) {
        jdbc.sql("""
                 insert into transformation_view
                     (transformation_id, facility_id, stage, consumed_kg, produced_kg, occurred_at)
                 values (?, ?, ?, ?, ?, ?)
                 on conflict (transformation_id) do nothing""")
            .params(StoredText.params(event.transformationId(), event.facilityId(), event.stage().name(),
                                      event.consumedKg(), event.producedKg(), ts(event.occurredAt())))
            .update();
        for (TransformationRecorded.Input input : event.inputs()) {
            jdbc.sql("""
                     insert into transformation_input (transformation_id, lot_id, mass_kg) values (?, ?, ?)
                     on conflict do nothing""")
                .params(StoredText.params(event.transformationId(), input.lotId(), input.massKg()))
                .update();
        }
        for (TransformationRecorded.Output output : event.outputs()) {
            jdbc.sql("""
                     insert into transformation_output (transformation_id, lot_id, mass_kg) values (?, ?, ?)
                     on conflict do nothing""")
                .params(StoredText.params(event.transformationId(), output.lotId(), output.massKg()))
                .update();
        }
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from lot_view").update();
        jdbc.sql("delete from transformation_input").update();
        jdbc.sql("delete from transformation_output").update();
        jdbc.sql("delete from transformation_view").update();
    }

    private void insertLot(String lotId, String mineral, String form, BigDecimal massKg, String custodianId,
                           String createdBy, String sourceId, String declaredOrigin, Instant occurredAt) {
        jdbc.sql("""
                 insert into lot_view (lot_id, mineral, form, initial_kg, remaining_kg, custodian_id, created_by,
                                       source_id, declared_origin, created_at, updated_at)
                 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                 on conflict (lot_id) do nothing""")
            .params(StoredText.params(lotId, mineral, form, massKg, massKg, custodianId, createdBy, sourceId,
                                      declaredOrigin, ts(occurredAt), ts(occurredAt)))
            .update();
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
