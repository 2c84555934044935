package org.provenance.ledger.projections.history;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Reads events straight from the event store: the history is the source of truth, not a projection of it. */
@Component
public class EventHistoryQueries {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final ObjectReader reader;

    public EventHistoryQueries(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        // Masses and prices are exact decimals: never let them pass through a double.
        this.reader = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    public List<StoredEvent> stream(String streamId) {
        return jdbc.sql("""
                        select global_index, aggregate_identifier, sequence_number, payload_type, time_stamp,
                               event_identifier, meta_data, payload
                        from domain_event_entry where aggregate_identifier = ? order by sequence_number""")
                   .param(streamId)
                   .query(this::map)
                   .list();
    }

    public long count() {
        return jdbc.sql("select count(*) from domain_event_entry").query(Long.class).single();
    }

    private StoredEvent map(ResultSet rs, int row) throws SQLException {
        String payloadType = rs.getString("payload_type");
        return new StoredEvent(rs.getLong("global_index"), rs.getString("aggregate_identifier"),
                               rs.getLong("sequence_number"), simpleName(payloadType),
                               Instant.parse(rs.getString("time_stamp")), rs.getString("event_identifier"),
                               read(rs.getBytes("meta_data")), read(rs.getBytes("payload")));
    }

    private JsonNode read(byte[] bytes) {
        if (bytes == null) {
            return json.nullNode();
        }
        return reader.readTree(bytes);
    }

    private static String simpleName(String className) {
        int dot = className.lastIndexOf('.');
        String name = dot < 0 ? className : className.substring(dot + 1);
        int dollar = name.lastIndexOf('$');
        return dollar < 0 ? name : name.substring(dollar + 1);
    }
}
