package org.provenance.ledger.api.write;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A request body's fingerprint for idempotency: keys sorted, nulls dropped, numbers compared by
 * value (700 and 700.0 are the same mass), so a client's re-serialization of the same request
 * matches.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static byte[] sha256(ObjectMapper mapper, Object body) {
        try {
            String canonical = mapper.writeValueAsString(canonical(mapper.valueToTree(body)));
            return MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | tools.jackson.core.JacksonException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            names.addAll(node.propertyNames());
            Collections.sort(names);
            for (String name : names) {
                JsonNode value = node.get(name);
                if (!value.isNull()) {
                    sorted.set(name, canonical(value));
                }
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> array.add(canonical(element)));
            return array;
        }
        if (node.isNumber()) {
            return JsonNodeFactory.instance.stringNode(node.decimalValue().stripTrailingZeros().toPlainString());
        }
        return node;
    }
}
