package org.provenance.ledger.api.epcis.capture;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ledger's text rules (SPEC 7) on a captured event: no NUL or other control characters
 * (TAB, LF and CR allowed) and no unpaired surrogates, in names or values. The JSON schema allows
 * them; PostgreSQL's jsonb refuses NUL, and the ledger refuses what it could not show back.
 */
final class TextRules {

    private TextRules() {
    }

    static List<String> check(JsonNode node) {
        List<String> problems = new ArrayList<>();
        walk(node, "", problems);
        return problems;
    }

    private static void walk(JsonNode node, String path, List<String> problems) {
        if (problems.size() >= 5) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (!clean(e.getKey())) {
                    problems.add(path + "/" + " has a field name with a control character or an unpaired surrogate");
                }
                walk(e.getValue(), path + "/" + e.getKey(), problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "/" + i, problems);
            }
        } else if (node.isString() && !clean(node.asString())) {
            problems.add(path + ": text with a control character or an unpaired surrogate");
        }
    }

    private static boolean clean(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
