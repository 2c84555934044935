package org.provenance.ledger.projections.console;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

import static org.provenance.ledger.projections.support.StoredText.decode;
import static org.provenance.ledger.projections.support.StoredText.encode;

/** What the console shows beyond the API's reads: counts for the overview, flags by lot or evidence. */
@Component
public class ConsoleQueries {

    /** Open flags of one type on purchases by (or processing at) one facility. */
    public record OpenFlagCount(String type, String facilityId, long count) {
    }

    private final JdbcClient jdbc;

    public ConsoleQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The buyer of a flagged purchase, or the processing facility of a flagged transformation. */
    public List<OpenFlagCount> openFlagsByTypeAndFacility() {
        return jdbc.sql("""
                        select type, coalesce(to_facility_id, from_facility_id), count(*) from flag
                        where status = 'OPEN' group by 1, 2 order by 3 desc, 1, 2""")
                   .query((rs, n) -> new OpenFlagCount(rs.getString(1), decode(rs.getString(2)), rs.getLong(3)))
                   .list();
    }

    /** Flags on the lot itself: its purchases and the transformation that made it. */
    public List<String> flagIdsOfLot(String lotId) {
        return jdbc.sql("select flag_id from flag where lot_id = ? order by raised_at, flag_id")
                   .param(encode(lotId)).query((rs, n) -> decode(rs.getString(1))).list();
    }

    /** Flags naming the facility in their evidence (an upstream mine or processor), newest first. */
    public List<String> flagIdsWithEvidenceAt(String facilityId, int limit) {
        return jdbc.sql("""
                        select flag_id from flag where evidence @> jsonb_build_array(jsonb_build_object('facilityId', ?::text))
                        order by raised_at desc, flag_id limit ?""")
                   .params(encode(facilityId), limit).query((rs, n) -> decode(rs.getString(1))).list();
    }
}
