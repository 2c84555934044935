package org.provenance.ledger.api.epcis.capture;

import org.provenance.ledger.api.epcis.EpcisVocabulary;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The CBV 2.0 event hash (CBV 2.0 section 8.9.2, GS1's event hash algorithm) for events sent
 * without an eventID: {@code ni:///sha-256;<hex>?ver=CBV2.0} over a pre-hash string that lists the
 * event's fields in the algorithm's fixed order, each as {@code name=value}, lists sorted, so that
 * the same event sent twice, with its fields in another order or its lists shuffled, gets the same id.
 * <p>
 * Covered: the field order; eventTime and recordTime-free content; times normalised to UTC with
 * milliseconds; bizStep, disposition, persistentDisposition and sourceList/destinationList/
 * bizTransactionList types in their GS1 Web URI form; quantities as plain decimals; lists sorted;
 * ILMD and extension fields appended sorted by name. Not covered (docs/EPCIS.md, "Event hash"):
 * EPCs are hashed in the form sent (the algorithm converts URNs to canonical Digital Link URIs),
 * sensor data only in sorted JSON form, and namespace prefixes are not expanded to full IRIs.
 */
public final class EventHash {

    private static final List<String> ORDER = List.of(
            "eventType", "eventTime", "eventTimeZoneOffset", "certificationInfo", "parentID", "epcList",
            "inputEPCList", "childEPCs", "quantityList", "childQuantityList", "inputQuantityList", "outputEPCList",
            "outputQuantityList", "action", "transformationID", "bizStep", "disposition", "persistentDisposition",
            "readPoint", "bizLocation", "bizTransactionList", "sourceList", "destinationList", "sensorElementList",
            "ilmd");
    /** Not part of what an event says: identity, bookkeeping and JSON-LD plumbing. */
    private static final Set<String> EXCLUDED = Set.of("eventID", "recordTime", "@context", "errorDeclaration", "type");
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

    private EventHash() {
    }

    public static String of(JsonNode event) {
        StringBuilder pre = new StringBuilder();
        for (String field : ORDER) {
            JsonNode value = field.equals("eventType") ? event.get("type") : event.get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            pre.append(render(field, value));
        }
        List<String> extensions = new ArrayList<>();
        for (String name : event.propertyNames()) {
            if (!ORDER.contains(name) && !EXCLUDED.contains(name)) {
                extensions.add(render(name, event.get(name)));
            }
        }
        extensions.sort(null);
        extensions.forEach(pre::append);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(pre.toString().getBytes(StandardCharsets.UTF_8));
            return "ni:///sha-256;" + HexFormat.of().formatHex(digest) + "?ver=CBV2.0";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String render(String field, JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.isValueNode() ? field + "=" + scalar(field, item) : render(field, item)));
            items.sort(null);
            return String.join("", items);
        }
        if (value.isObject()) {
            // Typed entries (sources, destinations, business transactions) are type then value.
            if (value.has("type") && (value.has("source") || value.has("destination") || value.has("bizTransaction"))) {
                String key = value.has("source") ? "source" : value.has("destination") ? "destination" : "bizTransaction";
                return field + "=" + key + "=" + value.get(key).asString() + "type=" + cbvType(key, value.get("type").asString());
            }
            StringBuilder nested = new StringBuilder(field).append('=');
            List<String> names = new ArrayList<>(value.propertyNames());
            names.sort(null);
            for (String name : names) {
                nested.append(render(name, value.get(name)));
            }
            return nested.toString();
        }
        return field + "=" + scalar(field, value);
    }

    private static String scalar(String field, JsonNode value) {
        if (value.isNumber()) {
            return new BigDecimal(value.asString()).stripTrailingZeros().toPlainString();
        }
        String text = value.asString();
        return switch (field) {
            case "eventTime" -> utcMillis(text);
            case "bizStep" -> webUri("https://ref.gs1.org/cbv/BizStep-", EpcisVocabulary.bizStep(text));
            case "disposition", "set", "unset" -> webUri("https://ref.gs1.org/cbv/Disp-", EpcisVocabulary.disposition(text));
            default -> text;
        };
    }

    private static String webUri(String prefix, String term) {
        return term.contains(":") ? term : prefix + term;
    }

    private static String cbvType(String kind, String type) {
        if (type.contains(":") || type.contains("/")) {
            return type;
        }
        return "https://ref.gs1.org/cbv/" + (kind.equals("bizTransaction") ? "BTT-" : "SDT-") + type;
    }

    private static String utcMillis(String time) {
        try {
            return OffsetDateTime.parse(time).withOffsetSameInstant(ZoneOffset.UTC).format(MILLIS);
        } catch (RuntimeException e) {
            return time;
        }
    }
}
