package org.provenance.ledger.projections.correction;

import org.provenance.ledger.projections.support.StoredText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.provenance.ledger.projections.support.StoredText.decode;

/** The recall report of a correction (GET /api/corrections/{id}), read from the correction projection's tables. */
@Component
public class CorrectionQueries {

    public record Correction(String correctionId, String facilityId, Instant effectiveFrom, String country,
                             String ownerCountry, String reason, String principal, Instant recordedAt) {
    }

    /** Counts once the recompute has committed; null while it runs (or if it never completed). */
    public record Totals(int lotsRecomputed, int lotsChanged, int purchasesEvaluated) {
    }

    public record FlagChange(String flagId, String change, String type, String transferId, String lotId,
                             String buyerId, BigDecimal share, Instant occurredAt) {
    }

    /** A lot whose composition the correction changed and that is still held, with its holder now. */
    public record Holding(String lotId, String custodianId, BigDecimal remainingKg) {
    }

    public record Report(Correction correction, Totals totals, List<String> affectedLots, List<FlagChange> flags,
                         List<Holding> holdings) {
    }

    private final JdbcClient jdbc;

    public CorrectionQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final String CORRECTION = """
            select correction_id, facility_id, effective_from, country, owner_country, reason, principal, recorded_at
            from facility_correction""";

    public Optional<Correction> correction(String correctionId) {
        return jdbc.sql(CORRECTION + " where correction_id = ?").param(StoredText.encode(correctionId))
                   .query(CorrectionQueries::correction).optional();
    }

    /** A facility's corrections in the order recorded (the order in which they apply). */
    public List<Correction> forFacility(String facilityId) {
        return jdbc.sql(CORRECTION + " where facility_id = ? order by sequence").param(StoredText.encode(facilityId))
                   .query(CorrectionQueries::correction).list();
    }

    private static Correction correction(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Correction(decode(rs.getString(1)), decode(rs.getString(2)), rs.getTimestamp(3).toInstant(),
                              decode(rs.getString(4)), decode(rs.getString(5)), decode(rs.getString(6)),
                              decode(rs.getString(7)), rs.getTimestamp(8).toInstant());
    }

    public Optional<Report> report(String correctionId) {
        Optional<Correction> correction = correction(correctionId);
        if (correction.isEmpty()) {
            return Optional.empty();
        }
        String id = StoredText.encode(correctionId);
        Totals totals = jdbc.sql("""
                                 select lots_recomputed, lots_changed, purchases_evaluated from correction_report
                                 where correction_id = ?""")
                            .param(id).query((rs, n) -> new Totals(rs.getInt(1), rs.getInt(2), rs.getInt(3)))
                            .optional().orElse(null);
        List<String> lots = jdbc.sql("""
                                     select c.lot_id from correction_lot c join lot_view l on l.lot_id = c.lot_id
                                     where c.correction_id = ? and c.changed order by l.created_at, c.lot_id""")
                                .param(id).query((rs, n) -> decode(rs.getString(1))).list();
        List<FlagChange> flags = jdbc.sql("""
                                          select f.flag_id, f.change, f.type, f.transfer_id, f.lot_id, f.to_facility_id,
                                                 f.share, t.occurred_at
                                          from correction_flag f join transfer_view t on t.transfer_id = f.transfer_id
                                          where f.correction_id = ? order by t.occurred_at, f.transfer_id, f.flag_id""")
                                     .param(id)
                                     .query((rs, n) -> new FlagChange(decode(rs.getString(1)), rs.getString(2),
                                                                      rs.getString(3), decode(rs.getString(4)),
                                                                      decode(rs.getString(5)), decode(rs.getString(6)),
                                                                      rs.getBigDecimal(7),
                                                                      rs.getTimestamp(8).toInstant()))
                                     .list();
        List<Holding> holdings = jdbc.sql("""
                                          select l.lot_id, l.custodian_id, l.remaining_kg
                                          from correction_lot c join lot_view l on l.lot_id = c.lot_id
                                          where c.correction_id = ? and c.changed and l.remaining_kg > 0
                                          order by l.custodian_id, l.lot_id""")
                                     .param(id)
                                     .query((rs, n) -> new Holding(decode(rs.getString(1)), decode(rs.getString(2)),
                                                                   rs.getBigDecimal(3)))
                                     .list();
        return Optional.of(new Report(correction.get(), totals, lots, flags, holdings));
    }
}
