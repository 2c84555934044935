package org.provenance.ledger.projections.lot;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.provenance.ledger.composition.Composition;
import org.provenance.ledger.projections.composition.StoredProvenance;
import org.provenance.ledger.projections.support.StoredText;

import java.util.List;
import java.util.Optional;

import static org.provenance.ledger.projections.support.StoredText.decode;

@Component
public class LotQueries {

    private final JdbcClient jdbc;

    public LotQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A lot with its composition (a lot is created with one), for reading a lot: one round trip. */
    public record LotRead(LotView lot, Composition composition) {
    }

    public Optional<LotRead> findWithComposition(String lotId) {
        return jdbc.sql(FIND.formatted(", c.routes::text as routes", "join lot_composition c on c.lot_id = l.lot_id"))
                   .param(StoredText.encode(lotId))
                   .query((rs, n) -> new LotRead(lot(rs), StoredProvenance.composition(rs.getString("routes"))))
                   .optional();
    }

    public Optional<LotView> find(String lotId) {
        return jdbc.sql(FIND.formatted("", ""))
                   .param(StoredText.encode(lotId))
                   .query((rs, n) -> lot(rs))
                   .optional();
    }

    private static final String FIND = """
                        select l.lot_id, l.mineral, l.form, l.initial_kg, l.remaining_kg, l.custodian_id, l.created_by,
                               l.source_id, l.declared_origin, l.created_at,
                               array(select i.lot_id from transformation_output o
                                     join transformation_input i on i.transformation_id = o.transformation_id
                                     where o.lot_id = l.lot_id order by i.lot_id) as parents,
                               array(select o.lot_id from transformation_input i
                                     join transformation_output o on o.transformation_id = i.transformation_id
                                     where i.lot_id = l.lot_id order by o.lot_id) as children%s
                        from lot_view l %s where l.lot_id = ?""";

    private static LotView lot(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new LotView(
                           rs.getString("lot_id"), decode(rs.getString("mineral")), decode(rs.getString("form")),
                           rs.getBigDecimal("initial_kg"), rs.getBigDecimal("remaining_kg"),
                           rs.getString("custodian_id"),
                           rs.getBigDecimal("remaining_kg").signum() == 0 ? "CONSUMED" : "ACTIVE",
                           rs.getString("created_by"), rs.getString("source_id"),
                           decode(rs.getString("declared_origin")),
                           rs.getTimestamp("created_at").toInstant(),
                           List.of((String[]) rs.getArray("parents").getArray()),
                           List.of((String[]) rs.getArray("children").getArray()));
    }

    /** The lots produced by the given transformations, in id order. */
    public List<String> outputsOf(List<String> transformationIds) {
        if (transformationIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select lot_id from transformation_output where transformation_id = any(?) order by lot_id")
                   .param(transformationIds.toArray(String[]::new))
                   .query(String.class).list();
    }
}
