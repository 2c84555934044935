package org.provenance.ledger.projections.check;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.provenance.ledger.check.PartChecked;
import org.provenance.ledger.projections.support.ProjectionNames;
import org.provenance.ledger.projections.support.StoredText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The signed receipts of part checks, served again as they were answered (the event carries each). */
@Component
@ProcessingGroup(ProjectionNames.EDGES)
public class CheckReceiptProjection {

    private final JdbcClient jdbc;

    public CheckReceiptProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PartChecked event, @Timestamp Instant recordedAt) {
        jdbc.sql("""
                 insert into check_receipt (check_id, receipt, recorded_at) values (?, ?, ?)
                 on conflict (check_id) do nothing""")
            .params(StoredText.params(event.checkId(), event.receipt(), java.sql.Timestamp.from(recordedAt)))
            .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from check_receipt").update();
    }

    public Optional<String> find(String checkId) {
        return jdbc.sql("select receipt from check_receipt where check_id = ?").param(StoredText.encode(checkId))
                   .query((rs, n) -> StoredText.decode(rs.getString(1))).optional();
    }

    /** The receipts of checks that named the lot, oldest first (for the lot's due-diligence report). */
    public List<String> naming(String lotId) {
        return jdbc.sql("""
                        select receipt from check_receipt
                        where receipt like ? escape '!' order by recorded_at, check_id limit 50""")
                   .param("%\"lotId\":\"" + lotId.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "\"%")
                   .query((rs, n) -> StoredText.decode(rs.getString(1))).list();
    }
}
