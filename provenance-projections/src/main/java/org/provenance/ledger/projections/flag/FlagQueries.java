package org.provenance.ledger.projections.flag;

import org.provenance.ledger.projections.support.StoredText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Component
public class FlagQueries {

    public record Filter(String status, String type, String facilityId) {
    }

    public record Page(List<FlagView> items, int page, int size, long total) {
    }

    private static final String COLUMNS = """
            flag_id, type, share, status, subject_kind, subject_id, lot_id, evidence::text, detail, raised_at""";

    private final JdbcClient jdbc;

    public FlagQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<FlagView> find(String flagId) {
        return withReviews(jdbc.sql("select " + COLUMNS + " from flag where flag_id = ?").param(flagId)
                               .query(this::map).list()).stream().findFirst();
    }

    public boolean exists(String flagId) {
        return jdbc.sql("select count(*) from flag where flag_id = ?").param(flagId).query(Long.class).single() > 0;
    }

    public List<FlagView> forSubject(String subjectId) {
        return withReviews(jdbc.sql("select " + COLUMNS + " from flag where subject_id = ? order by type")
                               .param(subjectId).query(this::map).list());
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
        return new Page(withReviews(items), page, size, total);
    }

    /** Flags as read from the flag table, completed with their reviews in one query for the whole page. */
    private List<FlagView> withReviews(List<FlagView> flags) {
        if (flags.isEmpty()) {
            return flags;
        }
        Map<String, List<FlagView.Review>> reviews = new HashMap<>();
        jdbc.sql("""
                 select flag_id, decision, note, principal, recorded_at from flag_review
                 where flag_id = any(?) order by flag_id, sequence""")
            .param(flags.stream().map(f -> StoredText.encode(f.id())).toArray(String[]::new))
            .query((rs, n) -> reviews.computeIfAbsent(StoredText.decode(rs.getString(1)), id -> new ArrayList<>())
                                     .add(new FlagView.Review(rs.getString(2), StoredText.decode(rs.getString(3)),
                                                              StoredText.decode(rs.getString(4)),
                                                              rs.getTimestamp(5).toInstant())))
            .list();
        return flags.stream().map(f -> {
            List<FlagView.Review> history = reviews.getOrDefault(f.id(), List.of());
            FlagView.Review latest = history.isEmpty() ? null : history.get(history.size() - 1);
            return new FlagView(f.id(), f.type(), f.share(), f.status(), f.subject(), f.lotId(), f.evidence(),
                                f.detail(), f.raisedAt(), latest, List.copyOf(history));
        }).toList();
    }

    private FlagView map(ResultSet rs, int row) throws SQLException {
        return new FlagView(StoredText.decode(rs.getString("flag_id")), rs.getString("type"),
                            rs.getBigDecimal("share") == null ? null : rs.getBigDecimal("share").stripTrailingZeros(),
                            rs.getString("status"),
                            new FlagView.Subject(rs.getString("subject_kind"),
                                                 StoredText.decode(rs.getString("subject_id"))),
                            StoredText.decode(rs.getString("lot_id")), FlagJson.evidence(rs.getString(8)),
                            StoredText.decode(rs.getString("detail")), rs.getTimestamp("raised_at").toInstant(), null,
                            List.of());
    }
}
