package org.provenance.ledger.projections.flag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

@Component
public class FlagQueries {

    public record Filter(String status, String type, String facilityId) {
    }

    public record Page(List<FlagView> items, int page, int size, long total) {
    }

    private static final String COLUMNS = """
            flag_id, type, share, status, subject_kind, subject_id, lot_id, evidence::text, detail, raised_at,
            review_decision, review_note, reviewer, reviewed_at""";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public FlagQueries(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<FlagView> find(String flagId) {
        return jdbc.sql("select " + COLUMNS + " from flag where flag_id = ?").param(flagId).query(this::map).optional();
    }

    public boolean exists(String flagId) {
        return jdbc.sql("select count(*) from flag where flag_id = ?").param(flagId).query(Long.class).single() > 0;
    }

    public List<FlagView> forSubject(String subjectId) {
        return jdbc.sql("select " + COLUMNS + " from flag where subject_id = ? order by type")
                   .param(subjectId).query(this::map).list();
    }

    /** Newest first (by the flagged event's time). A facility matches as seller, buyer or processing facility of the flagged subject. */
    public Page search(Filter filter, int page, int size) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        if (filter.status() != null) {
            where.append(" and status = ?");
            params.add(filter.status());
        }
        if (filter.type() != null) {
            where.append(" and type = ?");
            params.add(filter.type());
        }
        if (filter.facilityId() != null) {
            where.append(" and (to_facility_id = ? or from_facility_id = ?)");
            params.add(filter.facilityId());
            params.add(filter.facilityId());
        }
        long total = jdbc.sql("select count(*) from flag" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<FlagView> items = jdbc.sql("select " + COLUMNS + " from flag" + where
                                                + " order by raised_at desc, flag_id limit ? offset ?")
                                   .params(pageParams).query(this::map).list();
        return new Page(items, page, size, total);
    }

    private FlagView map(ResultSet rs, int row) throws SQLException {
        FlagView.Review review = rs.getString("review_decision") == null ? null
                : new FlagView.Review(rs.getString("review_decision"), rs.getString("review_note"),
                                      rs.getString("reviewer"), rs.getTimestamp("reviewed_at").toInstant());
        return new FlagView(rs.getString("flag_id"), rs.getString("type"),
                            rs.getBigDecimal("share") == null ? null : rs.getBigDecimal("share").stripTrailingZeros(),
                            rs.getString("status"), new FlagView.Subject(rs.getString("subject_kind"), rs.getString("subject_id")),
                            rs.getString("lot_id"), evidence(rs.getString(8)), rs.getString("detail"),
                            rs.getTimestamp("raised_at").toInstant(), review);
    }

    private List<FlagView.Evidence> evidence(String text) {
        try {
            return Arrays.asList(json.readValue(text, FlagView.Evidence[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("flag evidence is unreadable", e);
        }
    }
}
