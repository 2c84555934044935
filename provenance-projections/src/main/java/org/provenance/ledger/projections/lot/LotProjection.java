package org.provenance.ledger.projections.lot;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.provenance.ledger.lot.LotConsumed;
import org.provenance.ledger.lot.LotExtracted;
import org.provenance.ledger.lot.LotProduced;
import org.provenance.ledger.lot.LotRegistered;
import org.provenance.ledger.lot.LotTransferred;
import org.provenance.ledger.lot.TransferVoided;
import org.provenance.ledger.projections.support.ProjectionBuffer;
import org.provenance.ledger.projections.support.ProjectionBuffer.Statement;
import org.provenance.ledger.projections.support.ProjectionNames;
import org.provenance.ledger.transformation.TransformationRecorded;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Lot state and lineage edges. Every write sets absolute values or inserts keyed rows, so handling
 * an event twice (a retried batch) changes nothing. Writes go through the batch's
 * {@link ProjectionBuffer}: a lot's insert runs before the updates of the same batch, and the
 * updates in event order (a lot's stream orders its creation before its transfers and consumption).
 */
@Component
@ProcessingGroup(ProjectionNames.LEDGER)
public class LotProjection {

    private static final Statement INSERT_LOT = Statement.insert("""
            insert into lot_view (lot_id, mineral, form, initial_kg, remaining_kg, custodian_id, created_by,
                                  source_id, declared_origin, created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (lot_id) do nothing""");
    // One statement for both kinds of update, so that they stay in event order (updated_at is the last one's).
    private static final Statement UPDATE_LOT = Statement.update("""
            update lot_view set custodian_id = coalesce(cast(? as text), custodian_id),
                                remaining_kg = coalesce(cast(? as numeric), remaining_kg), updated_at = ?
            where lot_id = ?""");
    private static final Statement INSERT_TRANSFORMATION = Statement.insert("""
            insert into transformation_view
                (transformation_id, facility_id, stage, consumed_kg, produced_kg, occurred_at)
            values (?, ?, ?, ?, ?, ?)
            on conflict (transformation_id) do nothing""");
    private static final Statement INSERT_INPUT = Statement.insert("""
            insert into transformation_input (transformation_id, lot_id, mass_kg) values (?, ?, ?)
            on conflict do nothing""");
    private static final Statement INSERT_OUTPUT = Statement.insert("""
            insert into transformation_output (transformation_id, lot_id, mass_kg) values (?, ?, ?)
            on conflict do nothing""");

    private final JdbcClient jdbc;
    private final ProjectionBuffer buffer;

    public LotProjection(JdbcClient jdbc, ProjectionBuffer buffer) {
        this.jdbc = jdbc;
        this.buffer = buffer;
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
        buffer.add(UPDATE_LOT, event.toFacilityId(), null, ts(event.occurredAt()), event.lotId());
    }

    /** A voided transfer did not happen: custody is the seller's again. */
    @EventHandler
    void on(TransferVoided event) {
        buffer.add(UPDATE_LOT, event.fromFacilityId(), null, ts(event.occurredAt()), event.lotId());
    }

    @EventHandler
    void on(LotConsumed event) {
        buffer.add(UPDATE_LOT, null, event.remainingKg(), ts(event.occurredAt()), event.lotId());
    }

    @EventHandler
    void on(TransformationRecorded event) {
        buffer.add(INSERT_TRANSFORMATION, event.transformationId(), event.facilityId(), event.stage().name(),
                   event.consumedKg(), event.producedKg(), ts(event.occurredAt()));
        for (TransformationRecorded.Input input : event.inputs()) {
            buffer.add(INSERT_INPUT, event.transformationId(), input.lotId(), input.massKg());
        }
        for (TransformationRecorded.Output output : event.outputs()) {
            buffer.add(INSERT_OUTPUT, event.transformationId(), output.lotId(), output.massKg());
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
        buffer.add(INSERT_LOT, lotId, mineral, form, massKg, massKg, custodianId, createdBy, sourceId, declaredOrigin,
                   ts(occurredAt), ts(occurredAt));
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
