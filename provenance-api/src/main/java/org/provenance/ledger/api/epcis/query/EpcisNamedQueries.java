package org.provenance.ledger.api.epcis.query;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Named queries ({@code epcis_query}) and their subscriptions ({@code epcis_subscription}). */
@Component
public class EpcisNamedQueries {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.~-]{1,100}");

    public record NamedQuery(String name, JsonNode query) {
    }

    public record Subscription(String subscriptionID, String queryName, String dest, boolean stream,
                               boolean reportIfEmpty, Instant initialRecordTime, Instant createdAt,
                               Instant lastNotifiedAt, boolean signed) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public EpcisNamedQueries(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new EpcisQueryException(HttpStatus.BAD_REQUEST, EpcisQueryException.VALIDATION,
                                          "name: must be 1 to 100 letters, digits, '_', '.', '~' or '-'");
        }
    }

    /**
     * A stored or submitted query object (query-schema.json) as query parameters: arrays are lists,
     * a single string is a one-element list, the EXISTS_ parameters take null or an integer.
     */
    public static EpcisQuery toQuery(JsonNode query) {
        if (query == null || !query.isObject()) {
            throw new EpcisQueryException(HttpStatus.BAD_REQUEST, EpcisQueryException.QUERY_PARAMETER,
                                          "query: must be a JSON object of query parameters");
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : query.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            List<String> values = new ArrayList<>();
            if (name.startsWith("EXISTS_")) {
                if (!value.isNull() && !value.isIntegralNumber() && !(value.isBoolean() && value.asBoolean())) {
                    throw EpcisQueryException.parameter(name, "takes null (its presence is the condition)");
                }
                values.add("");
            } else if (value.isArray()) {
                for (JsonNode element : value) {
                    values.add(scalar(name, element));
                }
                if (values.isEmpty()) {
                    throw EpcisQueryException.parameter(name, "must list at least one value");
                }
            } else {
                values.add(scalar(name, value));
            }
            parameters.put(name, values);
        }
        return EpcisQuery.of(parameters, Set.of());
    }

    private static String scalar(String name, JsonNode value) {
        if (value.isString()) {
            return value.asString();
        }
        if (value.isNumber()) {
            return value.asString();
        }
        throw EpcisQueryException.parameter(name, "values must be strings");
    }

    /** False when the name is taken. */
    public boolean create(String name, JsonNode query, String principal) {
        return jdbc.update("""
                insert into epcis_query (query_name, query, created_by, created_at) values (?, ?::jsonb, ?, ?)
                on conflict (query_name) do nothing""",
                name, json.writeValueAsString(query), principal, Timestamp.from(Instant.now())) == 1;
    }

    public Optional<NamedQuery> find(String name) {
        return jdbc.query("select query_name, query::text from epcis_query where query_name = ?",
                          (rs, i) -> new NamedQuery(rs.getString(1), json.readTree(rs.getString(2))), name)
                   .stream().findFirst();
    }

    public List<NamedQuery> list(String after, int limit) {
        return jdbc.query("select query_name, query::text from epcis_query where query_name > ? order by query_name "
                          + "limit ?", (rs, i) -> new NamedQuery(rs.getString(1), json.readTree(rs.getString(2))),
                          after == null ? "" : after, limit);
    }

    public boolean delete(String name) {
        return jdbc.update("delete from epcis_query where query_name = ?", name) == 1;
    }

    public int subscriptionCount(String name) {
        return jdbc.queryForObject("select count(*) from epcis_subscription where query_name = ?", Integer.class, name);
    }

    public void subscribe(Subscription s, String signatureToken, String principal) {
        jdbc.update("""
                insert into epcis_subscription (subscription_id, query_name, dest, signature_token, stream,
                                                report_if_empty, initial_record_time, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                s.subscriptionID(), s.queryName(), s.dest(), signatureToken, s.stream(), s.reportIfEmpty(),
                s.initialRecordTime() == null ? null : Timestamp.from(s.initialRecordTime()), principal,
                Timestamp.from(s.createdAt()));
    }

    private static final String SUBSCRIPTION_COLUMNS = "subscription_id, query_name, dest, stream, report_if_empty, "
            + "initial_record_time, created_at, last_notified_at, signature_token is not null as signed";

    public List<Subscription> subscriptions(String queryName) {
        return jdbc.query("select " + SUBSCRIPTION_COLUMNS + " from epcis_subscription where query_name = ? "
                          + "order by created_at, subscription_id", (rs, i) -> subscription(rs), queryName);
    }

    public Optional<Subscription> subscription(String queryName, String id) {
        return jdbc.query("select " + SUBSCRIPTION_COLUMNS + " from epcis_subscription where query_name = ? "
                          + "and subscription_id = ?", (rs, i) -> subscription(rs), queryName, id).stream().findFirst();
    }

    public boolean unsubscribe(String queryName, String id) {
        return jdbc.update("delete from epcis_subscription where query_name = ? and subscription_id = ?",
                           queryName, id) == 1;
    }

    /** The streaming subscriptions with their queries, for matching a capture. */
    public List<Map.Entry<Subscription, JsonNode>> streaming() {
        return jdbc.query("select s.*, q.query::text as query from (select " + SUBSCRIPTION_COLUMNS
                          + " from epcis_subscription where stream) s join epcis_query q on q.query_name = s.query_name",
                          (rs, i) -> Map.entry(subscription(rs), json.readTree(rs.getString("query"))));
    }

    private static Subscription subscription(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Subscription(rs.getString("subscription_id"), rs.getString("query_name"), rs.getString("dest"),
                                rs.getBoolean("stream"), rs.getBoolean("report_if_empty"),
                                instant(rs, "initial_record_time"), instant(rs, "created_at"),
                                instant(rs, "last_notified_at"), rs.getBoolean("signed"));
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
