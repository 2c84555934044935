package org.provenance.ledger.projections.listing;

import org.provenance.ledger.facility.ExternalId;
import org.provenance.ledger.projections.facility.FacilityView;
import org.provenance.ledger.projections.support.ListPage;
import org.provenance.ledger.projections.support.SqlFilter;
import org.provenance.ledger.projections.transfer.TransferView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.provenance.ledger.projections.support.StoredText.decode;
import static org.provenance.ledger.projections.support.StoredText.encode;

/**
 * The lists of SPEC 6 (facilities, lots, transfers), read from the projections' tables. Filters
 * are exact values (already validated by the caller) except q, an id prefix.
 */
@Component
public class ListQueries {

    public record FacilityFilter(String q, String kind, String country) {
    }

    /** status is ACTIVE or CONSUMED; flagged true keeps lots with an open flag on a purchase, false the others. */
    public record LotFilter(String q, String custodianId, String mineral, String status, Boolean flagged) {
    }

    /** facilityId matches the seller or the buyer; from is inclusive, to exclusive. */
    public record TransferFilter(String lotId, String facilityId, Instant from, Instant to) {
    }

    /** A lot as a list shows it: no composition (that is per lot, on GET /api/lots/{id}). */
    public record LotSummary(String lotId, String mineral, String form, BigDecimal initialMassKg,
                             BigDecimal remainingMassKg, String custodianId, String status, String createdBy,
                             Instant createdAt, int openPurchaseFlags) {
    }

    private static final String OPEN_PURCHASE_FLAGS = """
            (select count(*) from flag f where f.lot_id = l.lot_id and f.status = 'OPEN'
             and f.subject_kind = 'TRANSFER')""";

    private final JdbcClient jdbc;

    public ListQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public ListPage<FacilityView> facilities(FacilityFilter filter, int page, int size) {
        SqlFilter where = new SqlFilter();
        if (filter.q() != null) {
            where.startsWith("facility_id", encode(filter.q()));
        }
        if (filter.kind() != null) {
            where.and("kind = ?", filter.kind());
        }
        if (filter.country() != null) {
            where.and("country = ?", filter.country());
        }
        long total = count("facility_view", where);
        List<FacilityView> items = jdbc.sql("select facility_id, name, kind, country, owner_country, external_id_scheme, external_id_value"
                                                    + " from facility_view"
                                                    + where.where() + " order by facility_id limit ? offset ?")
                                       .params(where.pageParams(page, size))
                                       .query((rs, n) -> new FacilityView(decode(rs.getString(1)),
                                                                          decode(rs.getString(2)),
                                                                          decode(rs.getString(3)),
                                                                          decode(rs.getString(4)),
                                                                          decode(rs.getString(5)),
                                                                          rs.getString(6) == null ? null
                                                                                  : new ExternalId(decode(rs.getString(6)),
                                                                                                   decode(rs.getString(7)))))
                                       .list();
        return new ListPage<>(items, page, size, total);
    }

    public ListPage<LotSummary> lots(LotFilter filter, int page, int size) {
        SqlFilter where = new SqlFilter();
        if (filter.q() != null) {
            where.startsWith("l.lot_id", encode(filter.q()));
        }
        if (filter.custodianId() != null) {
            where.and("l.custodian_id = ?", encode(filter.custodianId()));
        }
        if (filter.mineral() != null) {
            where.and("l.mineral = ?", encode(filter.mineral()));
        }
        if ("CONSUMED".equals(filter.status())) {
            where.and("l.remaining_kg = 0");
        } else if ("ACTIVE".equals(filter.status())) {
            where.and("l.remaining_kg > 0");
        }
        if (filter.flagged() != null) {
            where.and((filter.flagged() ? "" : "not ") + "exists (select 1 from flag f where f.lot_id = l.lot_id "
                              + "and f.status = 'OPEN' and f.subject_kind = 'TRANSFER')");
        }
        long total = count("lot_view l", where);
        List<LotSummary> items = jdbc.sql("select l.lot_id, l.mineral, l.form, l.initial_kg, l.remaining_kg, "
                                                  + "l.custodian_id, l.created_by, l.created_at, "
                                                  + OPEN_PURCHASE_FLAGS + " as open_flags from lot_view l"
                                                  + where.where() + " order by l.lot_id limit ? offset ?")
                                     .params(where.pageParams(page, size))
                                     .query((rs, n) -> new LotSummary(
                                             decode(rs.getString(1)), decode(rs.getString(2)),
                                             decode(rs.getString(3)), rs.getBigDecimal(4).stripTrailingZeros(),
                                             rs.getBigDecimal(5).stripTrailingZeros(), decode(rs.getString(6)),
                                             rs.getBigDecimal(5).signum() == 0 ? "CONSUMED" : "ACTIVE",
                                             rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getInt(9)))
                                     .list();
        return new ListPage<>(items, page, size, total);
    }

    /** Newest first. */
    public ListPage<TransferView> transfers(TransferFilter filter, int page, int size) {
        SqlFilter where = new SqlFilter();
        if (filter.lotId() != null) {
            where.and("lot_id = ?", encode(filter.lotId()));
        }
        if (filter.facilityId() != null) {
            where.and("from_facility_id = ? or to_facility_id = ?", encode(filter.facilityId()),
                      encode(filter.facilityId()));
        }
        if (filter.from() != null) {
            where.and("occurred_at >= ?", java.sql.Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.and("occurred_at < ?", java.sql.Timestamp.from(filter.to()));
        }
        long total = count("transfer_view", where);
        List<TransferView> items = jdbc.sql("""
                                            select transfer_id, lot_id, from_facility_id, to_facility_id, mass_kg,
                                                   price_amount, price_currency, occurred_at, voided_at, void_reason
                                            from transfer_view"""
                                                    + where.where()
                                                    + " order by occurred_at desc, transfer_id limit ? offset ?")
                                       .params(where.pageParams(page, size))
                                       .query((rs, n) -> new TransferView(
                                               decode(rs.getString(1)), decode(rs.getString(2)),
                                               decode(rs.getString(3)), decode(rs.getString(4)),
                                               rs.getBigDecimal(5).stripTrailingZeros(),
                                               rs.getBigDecimal(6) == null ? null
                                                       : rs.getBigDecimal(6).stripTrailingZeros(),
                                               decode(rs.getString(7)), rs.getTimestamp(8).toInstant(),
                                               rs.getTimestamp(9) != null,
                                               rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant(),
                                               decode(rs.getString(10))))
                                       .list();
        return new ListPage<>(items, page, size, total);
    }

    private long count(String table, SqlFilter where) {
        return jdbc.sql("select count(*) from " + table + where.where()).params(where.params())
                   .query(Long.class).single();
    }
}
