package org.provenance.ledger.projections.report;

import org.provenance.ledger.composition.Composition;
import org.provenance.ledger.facility.ExternalId;
import org.provenance.ledger.projections.support.StoredText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For the material a buyer received in a period, the processing facilities upstream and the mass
 * that went through each (SPEC 13, the facts of a CMRT/EMRT smelter list). Three queries whatever
 * the graph's size: the purchases, one recursive walk of the upstream transformation edges, the
 * facilities; the shares are then propagated in memory.
 * <p>
 * The share of a lot's mass that went through facility F at stage s: all of it when the lot was
 * made there, else the mass-weighted share of its inputs (each input i weighs x_i / max(X, Y), so an
 * untraced surplus did not go through F upstream).
 */
@Component
public class UpstreamFacilities {

    /** Processing stages a smelter list asks about; blending, splitting and mining are not processing. */
    public static final Set<String> PROCESSING = Set.of("CONCENTRATION", "SEPARATION", "REFINING", "MELTING",
                                                        "PRODUCTION", "RECYCLING");

    public record SmelterRow(String mineral, String facilityId, String name, String country, String ownerCountry,
                      ExternalId externalId, String stage, BigDecimal massKg, BigDecimal share, int purchases) {
    }

    public record SmelterReport(String buyerId, Instant from, Instant to, int purchases, BigDecimal receivedMassKg,
                         List<SmelterRow> facilities) {
    }

    private record Key(String facilityId, String stage, String mineral) {
    }

    private record Input(String lotId, BigDecimal massKg) {
    }

    private record Made(String facilityId, String stage, String mineral, BigDecimal consumedKg, BigDecimal producedKg,
                        List<Input> inputs) {
    }

    private final JdbcClient jdbc;

    public UpstreamFacilities(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public SmelterReport report(String buyerId, Instant from, Instant to) {
        List<Object[]> received = jdbc.sql("""
                        select lot_id, mass_kg from transfer_view
                        where to_facility_id = ? and occurred_at >= ? and occurred_at < ?
                        order by occurred_at, transfer_id""")
                                      .params(StoredText.encode(buyerId), Timestamp.from(from), Timestamp.from(to))
                                      .query((rs, n) -> new Object[]{rs.getString(1), rs.getBigDecimal(2)})
                                      .list();
        Map<String, Made> madeBy = upstream(received.stream().map(r -> (String) r[0]).distinct().toArray(String[]::new));
        Map<String, Map<Key, BigDecimal>> memo = new HashMap<>();
        Map<Key, BigDecimal> kg = new LinkedHashMap<>();
        Map<Key, Integer> purchases = new HashMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Object[] purchase : received) {
            BigDecimal mass = (BigDecimal) purchase[1];
            total = total.add(mass);
            shares((String) purchase[0], madeBy, memo).forEach((key, share) -> {
                kg.merge(key, mass.multiply(share, Composition.PRECISION), BigDecimal::add);
                purchases.merge(key, 1, Integer::sum);
            });
        }
        Map<String, Object[]> facilities = facilities(kg.keySet().stream().map(Key::facilityId).distinct()
                                                        .toArray(String[]::new));
        BigDecimal receivedKg = total;
        List<SmelterRow> rows = new ArrayList<>();
        kg.forEach((key, mass) -> {
            if (!PROCESSING.contains(key.stage())) {
                return;
            }
            Object[] f = facilities.getOrDefault(key.facilityId(), new Object[5]);
            rows.add(new SmelterRow(key.mineral(), key.facilityId(), (String) f[0], (String) f[1], (String) f[2],
                             f[3] == null ? null : new ExternalId((String) f[3], (String) f[4]), key.stage(),
                             mass.round(new java.math.MathContext(20)).stripTrailingZeros(),
                             mass.divide(receivedKg, Composition.PRECISION).stripTrailingZeros(), purchases.get(key)));
        });
        rows.sort(Comparator.comparing(SmelterRow::mineral).thenComparing(SmelterRow::share, Comparator.reverseOrder())
                            .thenComparing(SmelterRow::facilityId).thenComparing(SmelterRow::stage));
        return new SmelterReport(buyerId, from, to, received.size(), total.stripTrailingZeros(), rows);
    }

    private Map<Key, BigDecimal> shares(String lotId, Map<String, Made> madeBy, Map<String, Map<Key, BigDecimal>> memo) {
        Map<Key, BigDecimal> known = memo.get(lotId);
        if (known != null) {
            return known;
        }
        Map<Key, BigDecimal> shares = new LinkedHashMap<>();
        Made made = madeBy.get(lotId);
        if (made != null) {
            BigDecimal denominator = made.producedKg().max(made.consumedKg());
            for (Input input : made.inputs()) {
                BigDecimal weight = input.massKg().divide(denominator, Composition.PRECISION);
                shares(input.lotId(), madeBy, memo).forEach((key, share) -> shares.merge(
                        key, share.multiply(weight, Composition.PRECISION), (a, b) -> a.add(b, Composition.PRECISION)));
            }
            shares.put(new Key(made.facilityId(), made.stage(), made.mineral()), BigDecimal.ONE);
        }
        memo.put(lotId, shares);
        return shares;
    }

    private Map<String, Made> upstream(String[] lotIds) {
        Map<String, Made> madeBy = new HashMap<>();
        if (lotIds.length == 0) {
            return madeBy;
        }
        jdbc.sql("""
                 with recursive walk(lot_id) as (
                     select unnest(cast(? as text[]))
                     union
                     select i.lot_id from walk w
                     join transformation_output o on o.lot_id = w.lot_id
                     join transformation_input i on i.transformation_id = o.transformation_id
                 )
                 select o.lot_id, t.facility_id, t.stage, lo.mineral, t.consumed_kg, t.produced_kg, i.lot_id, i.mass_kg
                 from walk w
                 join transformation_output o on o.lot_id = w.lot_id
                 join transformation_view t on t.transformation_id = o.transformation_id
                 join transformation_input i on i.transformation_id = t.transformation_id
                 join lot_view lo on lo.lot_id = o.lot_id""")
            .param(lotIds)
            .query(rs -> {
                Made made = madeBy.computeIfAbsent(rs.getString(1), k -> {
                    try {
                        return new Made(rs.getString(2), rs.getString(3), StoredText.decode(rs.getString(4)),
                                        rs.getBigDecimal(5), rs.getBigDecimal(6), new ArrayList<>());
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                made.inputs().add(new Input(rs.getString(7), rs.getBigDecimal(8)));
            });
        return madeBy;
    }

    private Map<String, Object[]> facilities(String[] ids) {
        Map<String, Object[]> facilities = new HashMap<>();
        jdbc.sql("""
                 select facility_id, name, country, owner_country, external_id_scheme, external_id_value
                 from facility_view where facility_id = any(?)""")
            .param(ids)
            .query(rs -> {
                facilities.put(StoredText.decode(rs.getString(1)), new Object[]{
                        StoredText.decode(rs.getString(2)), StoredText.decode(rs.getString(3)),
                        StoredText.decode(rs.getString(4)), StoredText.decode(rs.getString(5)),
                        StoredText.decode(rs.getString(6))});
            });
        return facilities;
    }
}
