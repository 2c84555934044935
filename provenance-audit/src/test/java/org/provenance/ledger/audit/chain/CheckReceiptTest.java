package org.provenance.ledger.audit.chain;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.security.KeyPair;

import static org.assertj.core.api.Assertions.assertThat;

class CheckReceiptTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private final KeyPair key = Ed25519Keys.generate();

    @Test
    void canonical_json_sorts_members_drops_white_space_and_compares_numbers_by_value() {
        JsonNode a = JSON.readTree("{\"b\": [1.50, \"x\\u00e9\"], \"a\": {\"z\": null, \"y\": true}}");
        JsonNode b = JSON.readTree("{\"a\":{\"y\":true,\"z\":null},\"b\":[1.5,\"xé\"]}");
        assertThat(CheckReceipt.canonical(a)).isEqualTo("{\"a\":{\"y\":true,\"z\":null},\"b\":[1.5,\"xé\"]}")
                                             .isEqualTo(CheckReceipt.canonical(b));
        assertThat(CheckReceipt.answerSha256(a)).isEqualTo(CheckReceipt.answerSha256(b)).hasSize(64);
    }

    @Test
    void a_signed_receipt_verifies_and_any_change_to_the_signed_document_does_not() {
        ObjectNode answer = JSON.createObjectNode().put("verdict", "FAIL").put("share", 0.125);
        ObjectNode check = JSON.createObjectNode().put("checkId", "c-1").put("principal", "compliance");
        check.set("answer", answer);
        check.put("answerSha256", CheckReceipt.answerSha256(answer));
        String receipt = CheckReceipt.sign(check, key.getPrivate(), key.getPublic());

        assertThat(CheckReceipt.verify(receipt, key.getPublic()).verified()).isTrue();
        // re-serialized with other white space and member order: still the same document
        String reordered = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(receipt));
        assertThat(CheckReceipt.verify(reordered, key.getPublic()).verified()).isTrue();

        CheckReceipt.Verdict answerChanged = CheckReceipt.verify(receipt.replace("FAIL", "PASS"), key.getPublic());
        assertThat(answerChanged.verified()).isFalse();
        assertThat(answerChanged.report()).anyMatch(line -> line.contains("does NOT match"));
        assertThat(CheckReceipt.verify(receipt.replace("compliance", "complianc3"), key.getPublic()).verified()).isFalse();
        assertThat(CheckReceipt.verify(receipt, Ed25519Keys.generate().getPublic()).verified()).isFalse();
        assertThat(CheckReceipt.verify("not json", key.getPublic()).verified()).isFalse();
    }
}
