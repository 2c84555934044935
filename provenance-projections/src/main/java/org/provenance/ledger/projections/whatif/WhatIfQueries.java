package org.provenance.ledger.projections.whatif;

import org.provenance.ledger.composition.Provenance;
import org.provenance.ledger.facility.FacilityCorrected;
import org.provenance.ledger.facility.FacilityTimeline;
import org.provenance.ledger.projections.composition.StoredProvenance;
import org.provenance.ledger.projections.support.StoredText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a hypothetical evaluation (POST /api/what-if) reads, in batches: the lots that carry a
 * facility or a country in their contributors (the GIN-indexed contributors of lot_composition,
 * docs/DESIGN.md "Composition"), how those lots were made, and the purchases to evaluate again.
 */
@Component
public class WhatIfQueries {

    public record LotOrigin(String lotId, String createdBy, String sourceId, String custodianId, String declaredOrigin,
                            Instant createdAt, BigDecimal remainingKg) {
    }

    public record Made(String transformationId, String facilityId, String stage, Instant occurredAt,
                       BigDecimal producedKg, List<Input> inputs) {
    }

    public record Input(String lotId, BigDecimal massKg) {
    }

    public record Transfer(String transferId, String lotId, String fromFacilityId, String toFacilityId,
                           BigDecimal priceAmount, String priceCurrency, Instant occurredAt, String mineral,
                           String form) {
    }

    public record Floor(String mineral, String form, String currency, BigDecimal pricePerKg, Instant effectiveFrom) {
    }

    private final JdbcClient jdbc;

    public WhatIfQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Lots whose upstream touchpoints include one of the facilities, or one of the countries (as location or owner). */
    public List<String> lotsTouching(Set<String> facilityIds, Set<String> countries) {
        List<String> patterns = new ArrayList<>();
        facilityIds.forEach(f -> patterns.add("[{\"facilityId\": " + quote(f) + "}]"));
        countries.forEach(c -> {
            patterns.add("[{\"country\": " + quote(c) + "}]");
            patterns.add("[{\"ownerCountry\": " + quote(c) + "}]");
        });
        if (patterns.isEmpty()) {
            return List.of();
        }
        // One containment test per pattern, OR'd: each is answered by the GIN index (an "= any" array is not).
        String where = String.join(" or ", java.util.Collections.nCopies(patterns.size(), "contributors @> cast(? as jsonb)"));
        return jdbc.sql("select lot_id from lot_composition where " + where)
                   .params(patterns.toArray()).query(String.class).list();
    }

    public Map<String, LotOrigin> lots(String[] lotIds) {
        Map<String, LotOrigin> lots = new HashMap<>();
        jdbc.sql("""
                 select lot_id, created_by, source_id, custodian_id, declared_origin, created_at, remaining_kg
                 from lot_view where lot_id = any(?)""")
            .param(lotIds)
            .query(rs -> {
                lots.put(rs.getString(1), new LotOrigin(rs.getString(1), rs.getString(2), rs.getString(3),
                                                        rs.getString(4), StoredText.decode(rs.getString(5)),
                                                        rs.getTimestamp(6).toInstant(), rs.getBigDecimal(7)));
            });
        return lots;
    }

    public Map<String, Made> transformations(String[] transformationIds) {
        Map<String, Made> made = new LinkedHashMap<>();
        jdbc.sql("""
                 select t.transformation_id, t.facility_id, t.stage, t.occurred_at, t.produced_kg, i.lot_id, i.mass_kg
                 from transformation_view t join transformation_input i on i.transformation_id = t.transformation_id
                 where t.transformation_id = any(?) order by t.transformation_id, i.lot_id""")
            .param(transformationIds)
            .query(rs -> {
                String id = rs.getString(1);
                Made m = made.get(id);
                if (m == null) {
                    m = new Made(id, rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                                 rs.getBigDecimal(5), new ArrayList<>());
                    made.put(id, m);
                }
                m.inputs().add(new Input(rs.getString(6), rs.getBigDecimal(7)));
            });
        return made;
    }

    public Map<String, Provenance> provenances(String[] lotIds) {
        Map<String, Provenance> provenances = new HashMap<>();
        jdbc.sql("select lot_id, routes::text, contributors::text from lot_composition where lot_id = any(?)")
            .param(lotIds)
            .query(rs -> {
                provenances.put(rs.getString(1), StoredProvenance.read(rs.getString(2), rs.getString(3)));
            });
        return provenances;
    }

    /** Location and owner country of each facility. */
    public Map<String, Provenance.Facility> facilities(String[] facilityIds) {
        Map<String, Provenance.Facility> facilities = new HashMap<>();
        jdbc.sql("select facility_id, country, owner_country from facility_view where facility_id = any(?)")
            .param(facilityIds)
            .query(rs -> {
                String id = StoredText.decode(rs.getString(1));
                facilities.put(id, new Provenance.Facility(id, StoredText.decode(rs.getString(2)),
                                                           StoredText.decode(rs.getString(3))));
            });
        return facilities;
    }

    /** Each facility as registered with its recorded corrections, in record order. */
    public Map<String, FacilityTimeline> timelines(String[] facilityIds) {
        Map<String, Provenance.Facility> registered = facilities(facilityIds);
        Map<String, List<FacilityCorrected>> corrections = new HashMap<>();
        jdbc.sql("""
                 select facility_id, correction_id, effective_from, country, owner_country, reason
                 from facility_correction where facility_id = any(?) order by facility_id, sequence""")
            .param(java.util.Arrays.stream(facilityIds).map(StoredText::encode).toArray(String[]::new))
            .query(rs -> {
                String id = StoredText.decode(rs.getString(1));
                corrections.computeIfAbsent(id, k -> new ArrayList<>()).add(new FacilityCorrected(
                        StoredText.decode(rs.getString(2)), id, rs.getTimestamp(3).toInstant(),
                        StoredText.decode(rs.getString(4)), StoredText.decode(rs.getString(5)),
                        StoredText.decode(rs.getString(6))));
            });
        Map<String, FacilityTimeline> timelines = new HashMap<>();
        registered.forEach((id, f) -> timelines.put(id, new FacilityTimeline(f, corrections.getOrDefault(id, List.of()))));
        return timelines;
    }

    /**
     * Transfers of the given lots or to the given facilities (any time), and transfers since the instant to a facility in
     * one of the countries, or of a lot touching one of them.
     */
    public List<Transfer> transfers(String[] lotIds, String[] toFacilities, Instant since, String[] countries,
                                    String[] lotsSince) {
        return jdbc.sql("""
                        select t.transfer_id, t.lot_id, t.from_facility_id, t.to_facility_id, t.price_amount,
                               t.price_currency, t.occurred_at, l.mineral, l.form
                        from transfer_view t join lot_view l on l.lot_id = t.lot_id
                        where t.lot_id = any(?) or t.to_facility_id = any(?)
                           or (t.occurred_at >= ? and (t.lot_id = any(?) or t.to_facility_id in
                               (select facility_id from facility_view where country = any(?))))
                        order by t.occurred_at, t.transfer_id""")
                   .params(lotIds, toFacilities, Timestamp.from(since), lotsSince, countries)
                   .query((rs, n) -> new Transfer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                                  rs.getBigDecimal(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                                                  StoredText.decode(rs.getString(8)), StoredText.decode(rs.getString(9))))
                   .list();
    }

    public List<Floor> floors(String blocId) {
        return jdbc.sql("""
                        select mineral, form, currency, price_per_kg, effective_from from price_floor
                        where bloc_id = ? order by effective_from""")
                   .param(StoredText.encode(blocId))
                   .query((rs, n) -> new Floor(StoredText.decode(rs.getString(1)), StoredText.decode(rs.getString(2)),
                                               rs.getString(3), rs.getBigDecimal(4), rs.getTimestamp(5).toInstant()))
                   .list();
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }
}
