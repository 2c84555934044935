package org.provenance.ledger.audit.chain;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Base64;

/**
 * The NDJSON export (docs/AUDIT.md, "Export format"): a header line, one line per chained event with
 * every stored column (payload and metadata as base64 of their raw bytes, so the chain can be
 * recomputed byte for byte) and the hash the ledger chained, and an end line. The end line lets a
 * reader tell a complete export from one cut short.
 */
public final class ExportFormat {

    public static final String FORMAT = "provenance-ledger-export";
    public static final int VERSION = 1;
    public static final String MEDIA_TYPE = "application/x-ndjson";

    public static final String HEADER = "header";
    public static final String EVENT = "event";
    public static final String MISSING = "missing";
    public static final String END = "end";
    /** A row the ledger did not seal, or whose seal does not match it: never chained, or chained by someone else. */
    public static final String FORGED = "forged";
    /** A sealed row in a position the chain had already skipped (a write that committed after the gap grace). */
    public static final String INSERTED = "inserted";
    /** A sealed row after the chain head, not chained yet: genuine, but no checkpoint covers it. */
    public static final String UNCHAINED = "unchained";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

    private ExportFormat() {
    }

    public static String header(long after, long until, byte[] previousHash, Instant exportedAt) {
        ObjectNode line = line(HEADER);
        line.put("format", FORMAT);
        line.put("version", VERSION);
        line.put("encoding", EventEncoding.VERSION);
        line.put("after", after);
        line.put("until", until);
        line.put("previousHash", ChainHash.hex(previousHash));
        line.put("exportedAt", exportedAt.toString());
        return write(line);
    }

    public static String event(EventRow event, byte[] hash) {
        ObjectNode line = row(EVENT, event);
        line.put("hash", ChainHash.hex(hash));
        return write(line);
    }

    /**
     * A row the chain does not vouch for, with every column and why: {@link #FORGED}, {@link #INSERTED} or
     * {@link #UNCHAINED}. Carried so that an offline check sees everything the event table holds.
     */
    public static String marked(String kind, EventRow event, String reason) {
        ObjectNode line = row(kind, event);
        line.put("reason", reason);
        return write(line);
    }

    private static ObjectNode row(String kind, EventRow event) {
        ObjectNode line = line(kind);
        line.put("position", event.position());
        line.put("eventId", event.eventId());
        line.put("aggregateType", event.aggregateType());
        line.put("aggregateId", event.aggregateId());
        line.put("sequence", event.sequence());
        line.put("timestamp", event.timestamp());
        line.put("payloadType", event.payloadType());
        line.put("payloadRevision", event.payloadRevision());
        line.put("payload", BASE64.encodeToString(event.payload()));
        line.put("metadata", event.metadata() == null ? null : BASE64.encodeToString(event.metadata()));
        return line;
    }

    /** A chained position whose event row is gone from the event store. */
    public static String missing(long position, byte[] hash) {
        ObjectNode line = line(MISSING);
        line.put("position", position);
        line.put("hash", ChainHash.hex(hash));
        return write(line);
    }

    /** @param unchained how many {@link #UNCHAINED} lines came before: a cut export is told apart from a short tail */
    public static String end(long events, long lastPosition, byte[] lastHash, long unchained) {
        ObjectNode line = line(END);
        line.put("events", events);
        line.put("lastPosition", lastPosition);
        line.put("lastHash", ChainHash.hex(lastHash));
        line.put("unchained", unchained);
        return write(line);
    }

    public static JsonNode parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not valid JSON");
        }
    }

    public static String kind(JsonNode line) {
        return line.path("kind").asString("");
    }

    public static EventRow eventRow(JsonNode line) {
        return new EventRow(number(line, "position"), text(line, "eventId", true),
                            text(line, "aggregateType", false), text(line, "aggregateId", true),
                            number(line, "sequence"), text(line, "timestamp", true),
                            text(line, "payloadType", true), text(line, "payloadRevision", false),
                            bytes(line, "payload", true), bytes(line, "metadata", false));
    }

    public static long number(JsonNode line, String field) {
        JsonNode value = line.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException(field + " must be an integer");
        }
        return value.longValue();
    }

    public static String text(JsonNode line, String field, boolean required) {
        JsonNode value = line.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException(field + " is missing");
            }
            return null;
        }
        if (!value.isString()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return value.stringValue();
    }

    public static byte[] hash(JsonNode line, String field) {
        return ChainHash.parseHex(text(line, field, true));
    }

    private static byte[] bytes(JsonNode line, String field, boolean required) {
        String value = text(line, field, required);
        if (value == null) {
            return null;
        }
        try {
            return BASE64_DECODER.decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " must be base64");
        }
    }

    private static ObjectNode line(String kind) {
        return JSON.createObjectNode().put("kind", kind);
    }

    private static String write(ObjectNode line) {
        try {
            return JSON.writeValueAsString(line);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }
}
