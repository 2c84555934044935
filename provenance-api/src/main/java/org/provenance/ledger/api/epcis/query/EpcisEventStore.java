package org.provenance.ledger.api.epcis.query;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code epcis_event} for queries: one statement per page, in (record_time, event_id) order. */
@Component
public class EpcisEventStore {

    /** A stored event: where it sits in the order, and its document as stored (JSON text). */
    public record Row(Instant recordTime, String eventId, String document) {
    }

    /** Where a page starts: after this (record_time, event_id). */
    public record Cursor(Instant recordTime, String eventId) {
    }

    private final JdbcTemplate jdbc;

    public EpcisEventStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} matching events after the cursor (null: from the start). */
    public List<Row> page(EpcisQuery query, Cursor after, int limit) {
        EpcisQuery.Sql sql = query.sql();
        List<Object> params = new ArrayList<>(sql.parameters());
        String cursor = "";
        if (after != null) {
            // the row comparison uses the (record_time, event_id) index
            cursor = " and (record_time, event_id) > (?, ?)";
            params.add(OffsetDateTime.ofInstant(after.recordTime(), ZoneOffset.UTC));
            params.add(after.eventId());
        }
        params.add(limit);
        return jdbc.query("select record_time, event_id, document::text as document from epcis_event where "
                          + sql.where() + cursor + " order by record_time, event_id limit ?",
                          (rs, i) -> new Row(rs.getObject("record_time", OffsetDateTime.class).toInstant(),
                                             rs.getString("event_id"), rs.getString("document")),
                          params.toArray());
    }

    /** The events among {@code eventIds} that match: a subscription's query over a capture's new events. */
    public List<Row> among(EpcisQuery query, List<String> eventIds) {
        EpcisQuery.Sql sql = query.sql();
        List<Object> params = new ArrayList<>(sql.parameters());
        params.add(eventIds.toArray(String[]::new));
        return jdbc.query("select record_time, event_id, document::text as document from epcis_event where "
                          + sql.where() + " and event_id = any(?::text[]) order by record_time, event_id",
                          (rs, i) -> new Row(rs.getObject("record_time", OffsetDateTime.class).toInstant(),
                                             rs.getString("event_id"), rs.getString("document")),
                          params.toArray());
    }

    /** A discovery resource's values: the distinct values of one column present in stored events, after {@code after}. */
    public List<String> distinct(String valuesExpression, String after, int limit) {
        String sql = "select distinct value from (select " + valuesExpression + " as value from epcis_event) v"
                     + " where value is not null" + (after == null ? "" : " and value > ?")
                     + " order by value limit ?";
        Object[] params = after == null ? new Object[] {limit} : new Object[] {after, limit};
        return jdbc.queryForList(sql, String.class, params);
    }
}
