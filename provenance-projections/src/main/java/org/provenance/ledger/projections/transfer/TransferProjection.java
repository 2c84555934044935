package org.provenance.ledger.projections.transfer;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.provenance.ledger.lot.LotTransferred;
import org.provenance.ledger.lot.TransferVoided;
import java.time.Instant;
import org.provenance.ledger.projections.support.ProjectionBuffer;
import org.provenance.ledger.projections.support.ProjectionBuffer.Statement;
import org.provenance.ledger.projections.support.ProjectionNames;
import org.provenance.ledger.projections.support.StoredText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.Optional;

@Component
@ProcessingGroup(ProjectionNames.EDGES)
public class TransferProjection {

    private static final Statement INSERT = Statement.insert("""
            insert into transfer_view (transfer_id, lot_id, from_facility_id, to_facility_id, mass_kg,
                                       price_amount, price_currency, occurred_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (transfer_id) do nothing""");

    private static final Statement VOID = Statement.update(
            "update transfer_view set voided_at = ?, void_reason = ? where transfer_id = ?");

    private final JdbcClient jdbc;
    private final ProjectionBuffer buffer;

    public TransferProjection(JdbcClient jdbc, ProjectionBuffer buffer) {
        this.jdbc = jdbc;
        this.buffer = buffer;
    }

    @EventHandler
    void on(LotTransferred event) {
        buffer.add(INSERT, event.transferId(), event.lotId(), event.fromFacilityId(), event.toFacilityId(),
                   event.massKg(), event.unitPrice() == null ? null : event.unitPrice().amount(),
                   event.unitPrice() == null ? null : event.unitPrice().currency(), Timestamp.from(event.occurredAt()));
    }

    /** The transfer stays, shown as voided; voided_at is record time (the event's timestamp, also in a replay). */
    @EventHandler
    void on(TransferVoided event, @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        buffer.add(VOID, Timestamp.from(recordedAt), event.reason(), event.transferId());
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from transfer_view").update();
    }

    public Optional<TransferView> find(String transferId) {
        return jdbc.sql("""
                        select transfer_id, lot_id, from_facility_id, to_facility_id, mass_kg, price_amount,
                               price_currency, occurred_at, voided_at, void_reason
                        from transfer_view where transfer_id = ?""")
                   .param(StoredText.encode(transferId))
                   .query((rs, n) -> new TransferView(StoredText.decode(rs.getString(1)),
                                                      StoredText.decode(rs.getString(2)),
                                                      StoredText.decode(rs.getString(3)),
                                                      StoredText.decode(rs.getString(4)), rs.getBigDecimal(5),
                                                      rs.getBigDecimal(6), StoredText.decode(rs.getString(7)),
                                                      rs.getTimestamp(8).toInstant(), rs.getTimestamp(9) != null,
                                                      rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant(),
                                                      StoredText.decode(rs.getString(10))))
                   .optional();
    }
}
