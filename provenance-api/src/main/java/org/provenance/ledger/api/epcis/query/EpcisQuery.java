package org.provenance.ledger.api.epcis.query;

import org.provenance.ledger.api.epcis.EpcisVocabulary;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A SimpleEventQuery (EPCIS 2.0 section 8.2.7.1) over the columns of {@code epcis_event}: the
 * parameters SPEC 11 names, validated once, then turned into one SQL condition. The same object
 * answers {@code GET /epcis/events}, a named query's events and a subscription's matching, so all
 * three agree on what a parameter means.
 * <p>
 * List values come as the openapi's pipe-delimited form ({@code eventType=ObjectEvent|AggregationEvent}),
 * as repeated parameters, or as JSON arrays in a named query; within one parameter they are ORed,
 * across parameters ANDed, as the standard says.
 */
public final class EpcisQuery {

    public static final Set<String> EVENT_TYPES = Set.of("ObjectEvent", "AggregationEvent", "TransactionEvent",
                                                         "TransformationEvent", "AssociationEvent");
    private static final Set<String> ACTIONS = Set.of("ADD", "OBSERVE", "DELETE");

    private enum Kind { LIST, TIME, VOID }

    /** The parameters this repository answers, with how each is read; anything else is refused. */
    private static final Map<String, Kind> PARAMETERS = new LinkedHashMap<>();

    static {
        for (String name : List.of("eventType", "EQ_action", "EQ_bizStep", "EQ_disposition", "EQ_readPoint",
                                   "EQ_bizLocation", "MATCH_epc", "MATCH_parentID", "MATCH_anyEPC", "MATCH_epcClass",
                                   "MATCH_inputEPCClass", "MATCH_outputEPCClass", "MATCH_anyEPCClass",
                                   "MATCH_inputEPC", "MATCH_outputEPC", "EQ_eventID")) {
            PARAMETERS.put(name, Kind.LIST);
        }
        for (String name : List.of("GE_eventTime", "LT_eventTime", "GE_recordTime", "LT_recordTime")) {
            PARAMETERS.put(name, Kind.TIME);
        }
        PARAMETERS.put("EXISTS_errorDeclaration", Kind.VOID);
    }

    private static final Pattern URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[^\\s\\p{Cntrl}]+");
    private static final Pattern TERM = Pattern.compile("[^\\s\\p{Cntrl}|]+");
    private static final Pattern ID_PATTERN = Pattern.compile("urn:epc:idpat:([a-z0-9-]+):([^\\s\\p{Cntrl}]+)");

    /** One SQL condition and its JDBC parameters, in order. */
    public record Sql(String where, List<Object> parameters) {
    }

    private final TreeMap<String, List<String>> values;
    /** A path and a parameter that disagree: nothing can match. */
    private final boolean nothing;

    private EpcisQuery(TreeMap<String, List<String>> values, boolean nothing) {
        this.values = values;
        this.nothing = nothing;
    }

    /**
     * Reads the parameters, refusing unknown names and bad values with QueryParameterException.
     * Names in {@code ignored} (paging, the standard's GS1-* headers sent as parameters) are skipped.
     */
    public static EpcisQuery of(Map<String, List<String>> raw, Set<String> ignored) {
        TreeMap<String, List<String>> values = new TreeMap<>();
        for (Map.Entry<String, List<String>> entry : raw.entrySet()) {
            String name = entry.getKey();
            if (ignored.contains(name)) {
                continue;
            }
            Kind kind = PARAMETERS.get(name);
            if (kind == null) {
                throw EpcisQueryException.parameter(name, "is not a query parameter this repository answers ("
                                                          + String.join(", ", PARAMETERS.keySet())
                                                          + ", perPage, nextPageToken)");
            }
            List<String> list = new ArrayList<>();
            for (String value : entry.getValue()) {
                if (kind == Kind.LIST) {
                    for (String part : value.split("\\|", -1)) {
                        list.add(part);
                    }
                } else {
                    list.add(value);
                }
            }
            values.merge(name, list, (a, b) -> {
                List<String> both = new ArrayList<>(a);
                both.addAll(b);
                return both;
            });
        }
        EpcisQuery query = new EpcisQuery(values, false);
        query.validate();
        return query;
    }

    /**
     * This query with one more restriction, as a per-resource path ({@code /epcis/bizSteps/{bizStep}/events})
     * adds: the intersection with what the parameter already allows.
     */
    public EpcisQuery and(String name, String value) {
        TreeMap<String, List<String>> copy = new TreeMap<>(values);
        List<String> existing = copy.get(name);
        EpcisQuery query = new EpcisQuery(copy, nothing || (existing != null && !existing.contains(value)));
        copy.put(name, List.of(value));
        query.validate();
        return query;
    }

    /** The parameters as given, for storing a named query: lists stay lists. */
    public Map<String, List<String>> parameters() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** A digest of the parameters: a page token is valid only for the query that made it. */
    public String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((values + (nothing ? "!" : "")).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void validate() {
        for (Map.Entry<String, List<String>> entry : values.entrySet()) {
            String name = entry.getKey();
            List<String> list = entry.getValue();
            Kind kind = PARAMETERS.get(name);
            if (kind != Kind.LIST && list.size() > 1) {
                throw EpcisQueryException.parameter(name, "takes one value");
            }
            if (kind == Kind.TIME) {
                time(name, list.get(0));
                continue;
            }
            if (kind == Kind.VOID) {
                // Void in the standard: present or not. An explicit "true" is accepted; "false" would be misleading.
                String v = list.get(0);
                if (!v.isEmpty() && !v.equalsIgnoreCase("true")) {
                    throw EpcisQueryException.parameter(name, "takes no value (its presence is the condition)");
                }
                continue;
            }
            for (String value : list) {
                if (value.isEmpty()) {
                    throw EpcisQueryException.parameter(name, "has an empty value");
                }
                switch (name) {
                    case "eventType" -> {
                        if (!EVENT_TYPES.contains(value)) {
                            throw EpcisQueryException.parameter(name, "must be one of " + String.join(", ",
                                    new java.util.TreeSet<>(EVENT_TYPES)) + ", not " + value);
                        }
                    }
                    case "EQ_action" -> {
                        if (!ACTIONS.contains(value)) {
                            throw EpcisQueryException.parameter(name, "must be ADD, OBSERVE or DELETE, not " + value);
                        }
                    }
                    case "EQ_bizStep", "EQ_disposition", "EQ_eventID" -> {
                        if (!TERM.matcher(value).matches()) {
                            throw EpcisQueryException.parameter(name, "must be a CBV term or a URI without spaces");
                        }
                    }
                    default -> {
                        // readPoint, bizLocation and the MATCH_ parameters: URIs, or EPC patterns for MATCH_
                        if (!URI.matcher(value).matches()) {
                            throw EpcisQueryException.parameter(name, "must be a URI (e.g. urn:epc:id:sgln:...), not "
                                                                      + printable(value));
                        }
                        if (name.startsWith("MATCH_") && value.startsWith("urn:epc:idpat:")) {
                            patternRegex(name, value);
                        }
                    }
                }
            }
        }
    }

    /** The condition, over the indexed columns of epcis_event. */
    public Sql sql() {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : values.entrySet()) {
            String name = entry.getKey();
            List<String> list = entry.getValue();
            switch (name) {
                case "eventType" -> any(where, params, "event_type", list);
                case "GE_eventTime" -> compare(where, params, "event_time >= ?", name, list);
                case "LT_eventTime" -> compare(where, params, "event_time < ?", name, list);
                case "GE_recordTime" -> compare(where, params, "record_time >= ?", name, list);
                case "LT_recordTime" -> compare(where, params, "record_time < ?", name, list);
                case "EQ_action" -> any(where, params, "action", list);
                case "EQ_bizStep" -> any(where, params, "biz_step", list.stream().map(EpcisVocabulary::bizStep).toList());
                case "EQ_disposition" -> any(where, params, "disposition",
                                             list.stream().map(EpcisVocabulary::disposition).toList());
                case "EQ_readPoint" -> any(where, params, "read_point", list);
                case "EQ_bizLocation" -> any(where, params, "biz_location", list);
                case "EQ_eventID" -> any(where, params, "event_id", list);
                case "EXISTS_errorDeclaration" -> where.add("error_declared");
                case "MATCH_epc" -> match(where, params, name, list, List.of("epc_list", "child_epcs"), null);
                case "MATCH_parentID" -> match(where, params, name, list, List.of(), "parent_id");
                case "MATCH_inputEPC" -> match(where, params, name, list, List.of("input_epcs"), null);
                case "MATCH_outputEPC" -> match(where, params, name, list, List.of("output_epcs"), null);
                case "MATCH_anyEPC" -> match(where, params, name, list,
                                             List.of("epc_list", "child_epcs", "input_epcs", "output_epcs"), "parent_id");
                case "MATCH_epcClass" -> match(where, params, name, list, List.of("epc_classes"), null);
                case "MATCH_inputEPCClass" -> match(where, params, name, list, List.of("input_classes"), null);
                case "MATCH_outputEPCClass" -> match(where, params, name, list, List.of("output_classes"), null);
                case "MATCH_anyEPCClass" -> match(where, params, name, list,
                                                  List.of("epc_classes", "input_classes", "output_classes"), null);
                default -> throw new IllegalStateException("unhandled parameter " + name);
            }
        }
        if (nothing) {
            return new Sql("false", List.of());
        }
        return new Sql(where.isEmpty() ? "true" : String.join(" and ", where), params);
    }

    private static void any(List<String> where, List<Object> params, String column, List<String> list) {
        where.add(column + " = any(?::text[])");
        params.add(list.toArray(String[]::new));
    }

    private static void compare(List<String> where, List<Object> params, String condition, String name,
                                List<String> list) {
        where.add(condition);
        params.add(time(name, list.get(0)));
    }

    /**
     * Exact identifiers go to the GIN indexes ({@code &&}); EPC patterns cannot, and are one regular
     * expression over the same arrays, evaluated only on the rows the other conditions leave.
     */
    private static void match(List<String> where, List<Object> params, String name, List<String> list,
                              List<String> arrays, String scalar) {
        List<String> exact = new ArrayList<>();
        List<String> regexes = new ArrayList<>();
        for (String value : list) {
            if (value.startsWith("urn:epc:idpat:")) {
                regexes.add(patternRegex(name, value));
            } else {
                exact.add(value);
            }
        }
        List<String> alternatives = new ArrayList<>();
        if (!exact.isEmpty()) {
            String[] array = exact.toArray(String[]::new);
            for (String column : arrays) {
                alternatives.add(column + " && ?::text[]");
                params.add(array);
            }
            if (scalar != null) {
                alternatives.add(scalar + " = any(?::text[])");
                params.add(array);
            }
        }
        if (!regexes.isEmpty()) {
            String regex = "^(?:" + String.join("|", regexes) + ")$";
            String all = arrays.isEmpty() ? "array[" + scalar + "]"
                                          : String.join(" || ", arrays) + (scalar == null ? "" : " || array[" + scalar + "]");
            alternatives.add("exists (select 1 from unnest(" + all + ") as v(value) where v.value ~ ?)");
            params.add(regex);
        }
        where.add("(" + String.join(" or ", alternatives) + ")");
    }

    /**
     * An EPC pattern (TDS section 6.4, {@code urn:epc:idpat:sgtin:0614141.107346.*}) as a PostgreSQL
     * regular expression: each component literal or {@code *} (any value). It matches instance URNs
     * ({@code urn:epc:id:sgtin:...}), class patterns stored as sent, and, for sgtin, the LGTIN classes
     * of that product ({@code urn:epc:class:lgtin:0614141.107346.LOT}).
     */
    static String patternRegex(String name, String pattern) {
        var m = ID_PATTERN.matcher(pattern);
        if (!m.matches()) {
            throw EpcisQueryException.parameter(name, "is not an EPC pattern (urn:epc:idpat:<scheme>:<parts>): "
                                                      + printable(pattern));
        }
        String scheme = m.group(1);
        String[] parts = m.group(2).split("\\.", -1);
        StringBuilder components = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty() || (part.contains("*") && !part.equals("*"))) {
                throw EpcisQueryException.parameter(name, "has an empty or partial component in EPC pattern "
                                                          + printable(pattern) + " (each is a value or *)");
            }
            if (i > 0) {
                components.append("\\.");
            }
            components.append(part.equals("*") ? "[^.]+" : escape(part));
        }
        String regex = "urn:epc:(?:id|idpat):" + escape(scheme) + ":" + components;
        if (scheme.equals("sgtin") && parts.length == 3) {
            regex += "|urn:epc:class:lgtin:" + components;
        }
        return regex;
    }

    /** Every character that is not a letter or digit is escaped: in PostgreSQL's regular expressions that is always literal. */
    private static String escape(String literal) {
        StringBuilder out = new StringBuilder();
        literal.codePoints().forEach(c -> {
            if (!Character.isLetterOrDigit(c)) {
                out.append('\\');
            }
            out.appendCodePoint(c);
        });
        return out.toString();
    }

    static OffsetDateTime time(String name, String value) {
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw EpcisQueryException.parameter(name, "must be a date-time with an offset (2026-01-01T00:00:00Z or "
                                                      + "2026-01-01T00:00:00.000+01:00), not " + printable(value));
        }
    }

    private static String printable(String value) {
        String shown = value.length() > 100 ? value.substring(0, 100) + "..." : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
