package org.provenance.ledger.projections.flag;

import org.provenance.ledger.projections.support.StoredText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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
            flag_id, type, share, status, subject_kind, subject_id, lot_id, evidence::text, detail, raised_at,
            withdrawn_by, cause""";
    /**
     * The flags as the ledger knew them at a record time (5 parameters, all that instant): the current
     * version if known by then, else the version a correction or void replaced that was current then;
     * the status is WITHDRAWN for a withdrawn version, else the latest review recorded by then.
     */
    private static final String KNOWN_AT = """
            (select k.*, case when k.withdrawn_by is not null then 'WITHDRAWN'
                              else coalesce((select r.decision from flag_review r
                                             where r.flag_id = k.flag_id and r.recorded_at <= k.t
                                             order by r.sequence desc limit 1), 'OPEN') end as status
             from (select flag_id, type, share, subject_kind, subject_id, lot_id, from_facility_id, to_facility_id,
                          evidence, detail, raised_at, withdrawn_by, cause, cast(? as timestamptz) as t
                   from flag where known_from is null or known_from <= ?
                   union all
                   select h.flag_id, f.type, h.share, f.subject_kind, f.subject_id, f.lot_id, f.from_facility_id,
                          f.to_facility_id, h.evidence, f.detail, f.raised_at, h.withdrawn_by, h.cause, cast(? as timestamptz)
                   from flag_history h join flag f on f.flag_id = h.flag_id
                   where (h.known_from is null or h.known_from <= ?) and h.known_to > ?) k) known""";

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

    /** A flag as the ledger knew it at a record time; empty if it was not raised by then. */
    public Optional<FlagView> findKnownAt(String flagId, Instant knownAt) {
        List<Object> params = knownAtParams(knownAt);
        params.add(StoredText.encode(flagId));
        return withReviews(jdbc.sql("select " + COLUMNS + " from " + KNOWN_AT + " where flag_id = ?").params(params)
                               .query(this::map).list(), knownAt).stream().findFirst();
    }

    /** The flags of a subject (a transfer) as the ledger knew them at a record time. */
    public List<FlagView> forSubjectKnownAt(String subjectId, Instant knownAt) {
        List<Object> params = knownAtParams(knownAt);
        params.add(StoredText.encode(subjectId));
        return withReviews(jdbc.sql("select " + COLUMNS + " from " + KNOWN_AT + " where subject_id = ? order by type")
                               .params(params).query(this::map).list(), knownAt);
    }

    private static List<Object> knownAtParams(Instant knownAt) {
        java.sql.Timestamp t = java.sql.Timestamp.from(knownAt);
        return new ArrayList<>(List.of(t, t, t, t, t));
    }

    public Page search(Filter filter, int page, int size) {
        return search(filter, page, size, null);
    }

    /** Newest first (by the flagged event's time). A facility matches as seller, buyer or processing facility of the flagged subject. */
    public Page search(Filter filter, int page, int size, Instant knownAt) {
        String source = knownAt == null ? "flag" : KNOWN_AT;
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = knownAt == null ? new ArrayList<>() : knownAtParams(knownAt);
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
        long total = jdbc.sql("select count(*) from " + source + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<FlagView> items = jdbc.sql("select " + COLUMNS + " from " + source + where
                                                + " order by raised_at desc, flag_id limit ? offset ?")
                                   .params(pageParams).query(this::map).list();
        return new Page(withReviews(items, knownAt), page, size, total);
    }

    /** Flags as read from the flag table, completed with their reviews in one query for the whole page. */
    private List<FlagView> withReviews(List<FlagView> flags) {
        return withReviews(flags, null);
    }

    /** With the reviews recorded by knownAt (all of them when null). */
    private List<FlagView> withReviews(List<FlagView> flags, Instant knownAt) {
        if (flags.isEmpty()) {
            return flags;
        }
        Map<String, List<FlagView.Review>> reviews = new HashMap<>();
        jdbc.sql("""
                 select flag_id, decision, note, principal, recorded_at from flag_review
                 where flag_id = any(?) and recorded_at <= ? order by flag_id, sequence""")
            .params(flags.stream().map(f -> StoredText.encode(f.id())).toArray(String[]::new),
                    java.sql.Timestamp.from(knownAt == null ? Instant.parse("9999-12-31T00:00:00Z") : knownAt))
            .query((rs, n) -> reviews.computeIfAbsent(StoredText.decode(rs.getString(1)), id -> new ArrayList<>())
                                     .add(new FlagView.Review(rs.getString(2), StoredText.decode(rs.getString(3)),
                                                              StoredText.decode(rs.getString(4)),
                                                              rs.getTimestamp(5).toInstant())))
            .list();
        return flags.stream().map(f -> {
            List<FlagView.Review> history = reviews.getOrDefault(f.id(), List.of());
            FlagView.Review latest = history.isEmpty() ? null : history.get(history.size() - 1);
            return new FlagView(f.id(), f.type(), f.share(), f.status(), f.subject(), f.lotId(), f.evidence(),
                                f.detail(), f.raisedAt(), latest, List.copyOf(history), f.withdrawnBy(), f.cause());
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
                            List.of(), StoredText.decode(rs.getString("withdrawn_by")),
                            StoredText.decode(rs.getString("cause")));
    }
}
