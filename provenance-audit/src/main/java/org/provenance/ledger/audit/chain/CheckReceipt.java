package org.provenance.ledger.audit.chain;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * The signed receipt of a part check (docs/DESIGN.md, "Part checks and receipts"):
 * <pre>
 * {"format": "provenance-ledger check receipt v1",
 *  "check": {"checkId", "checkedAt", "principal", "request": {...}, "answer": {...}, "answerSha256"},
 *  "signature": {"algorithm": "Ed25519", "keyId", "value": base64}}
 * </pre>
 * The signature covers the format line, a line feed and the canonical JSON of {@code check}; the
 * answer's SHA-256 is over the canonical JSON of {@code answer}. Canonical JSON: object members
 * sorted by name (UTF-16 order), no white space, numbers as plain decimals without trailing zeros,
 * strings as JSON writes them (UTF-8). The server and the offline verifier share this class.
 */
public final class CheckReceipt {

    public static final String FORMAT = "provenance-ledger check receipt v1";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private CheckReceipt() {
    }

    /** Signs the check document; answers the whole receipt as JSON text. */
    public static String sign(JsonNode check, PrivateKey key, PublicKey publicKey) {
        byte[] signature = Ed25519Keys.sign(key, signedBytes(check));
        ObjectNode receipt = JSON.createObjectNode();
        receipt.put("format", FORMAT);
        receipt.set("check", check);
        ObjectNode signed = receipt.putObject("signature");
        signed.put("algorithm", Ed25519Keys.ALGORITHM);
        signed.put("keyId", Ed25519Keys.keyId(publicKey));
        signed.put("value", Base64.getEncoder().encodeToString(signature));
        return JSON.writeValueAsString(receipt);
    }

    public static String answerSha256(JsonNode answer) {
        return ChainHash.hex(ChainHash.sha256(canonical(answer).getBytes(StandardCharsets.UTF_8)));
    }

    public static byte[] signedBytes(JsonNode check) {
        return (FORMAT + "\n" + canonical(check)).getBytes(StandardCharsets.UTF_8);
    }

    public record Verdict(boolean verified, List<String> report) {
    }

    /** Checks the receipt's answer hash and signature against the auditor's pinned key. */
    public static Verdict verify(String receiptJson, PublicKey key) {
        List<String> report = new ArrayList<>();
        JsonNode receipt;
        try {
            receipt = JSON.readTree(receiptJson);
        } catch (JacksonException e) {
            return new Verdict(false, List.of("NOT VERIFIED: the receipt is not JSON"));
        }
        JsonNode check = receipt.path("check");
        JsonNode signature = receipt.path("signature");
        if (!FORMAT.equals(receipt.path("format").asString(null)) || !check.isObject()) {
            return new Verdict(false, List.of("NOT VERIFIED: not a " + FORMAT));
        }
        report.add("check " + check.path("checkId").asString("?") + " by " + check.path("principal").asString("?")
                           + " at " + check.path("checkedAt").asString("?"));
        String expected = answerSha256(check.path("answer"));
        boolean hashOk = expected.equals(check.path("answerSha256").asString(null));
        report.add(hashOk ? "answer SHA-256 matches: " + expected
                          : "answer SHA-256 does NOT match: the answer hashes to " + expected);
        boolean signatureOk = false;
        if (Ed25519Keys.ALGORITHM.equals(signature.path("algorithm").asString(null))) {
            try {
                signatureOk = Ed25519Keys.verify(key, signedBytes(check),
                                                 Base64.getDecoder().decode(signature.path("value").asString("")));
            } catch (IllegalArgumentException notBase64) {
                signatureOk = false;
            }
        }
        report.add(signatureOk ? "signature valid (Ed25519, key " + Ed25519Keys.keyId(key) + ")"
                               : "signature INVALID for key " + Ed25519Keys.keyId(key));
        boolean verified = hashOk && signatureOk;
        report.add(verified ? "VERIFIED: the ledger signed this check and its answer"
                            : "NOT VERIFIED: the receipt was altered or not signed by this key");
        return new Verdict(verified, report);
    }

    /** The canonical JSON text of a tree (see the class comment). */
    public static String canonical(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>(node.propertyNames());
            Collections.sort(names);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(JSON.writeValueAsString(names.get(i))).append(':');
                write(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isNumber()) {
            out.append(node.decimalValue().stripTrailingZeros().toPlainString());
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else {
            out.append(JSON.writeValueAsString(node.asString()));
        }
    }
}
