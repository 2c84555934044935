package org.provenance.ledger.projections.facility;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;

/**
 * Derived at read time from the custody tables rather than kept as running totals: nothing to
 * double-count when a batch is retried, and always consistent with the lots themselves.
 */
@Component
public class MassBalanceQueries {

    private final JdbcClient jdbc;

    public MassBalanceQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public MassBalance of(String facilityId) {
        return new MassBalance(facilityId, jdbc.sql("""
                        with flows as (
                            select l.mineral, l.form, t.mass_kg as received, 0 as extracted, 0 as produced,
                                   0 as consumed, 0 as transferred_out, 0 as on_hand
                            from transfer_view t join lot_view l on l.lot_id = t.lot_id where t.to_facility_id = :f
                            union all
                            select mineral, form, 0, initial_kg, 0, 0, 0, 0
                            from lot_view where created_by = 'EXTRACTION' and source_id = :f
                            union all
                            select l.mineral, l.form, 0, 0, o.mass_kg, 0, 0, 0
                            from transformation_output o
                            join transformation_view x on x.transformation_id = o.transformation_id
                            join lot_view l on l.lot_id = o.lot_id where x.facility_id = :f
                            union all
                            select l.mineral, l.form, 0, 0, 0, i.mass_kg, 0, 0
                            from transformation_input i
                            join transformation_view x on x.transformation_id = i.transformation_id
                            join lot_view l on l.lot_id = i.lot_id where x.facility_id = :f
                            union all
                            select l.mineral, l.form, 0, 0, 0, 0, t.mass_kg, 0
                            from transfer_view t join lot_view l on l.lot_id = t.lot_id where t.from_facility_id = :f
                            union all
                            select mineral, form, 0, 0, 0, 0, 0, remaining_kg
                            from lot_view where custodian_id = :f and remaining_kg > 0
                        )
                        select mineral, form, sum(received), sum(extracted), sum(produced), sum(consumed),
                               sum(transferred_out), sum(on_hand)
                        from flows group by mineral, form order by mineral, form""")
                .param("f", facilityId)
                .query((rs, n) -> new MassBalance.Line(rs.getString(1), rs.getString(2), kg(rs.getBigDecimal(3)),
                                                       kg(rs.getBigDecimal(4)), kg(rs.getBigDecimal(5)),
                                                       kg(rs.getBigDecimal(6)), kg(rs.getBigDecimal(7)),
                                                       kg(rs.getBigDecimal(8))))
                .list());
    }

    private static BigDecimal kg(BigDecimal value) {
        return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }
}
