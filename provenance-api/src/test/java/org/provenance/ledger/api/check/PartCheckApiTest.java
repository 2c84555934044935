package org.provenance.ledger.api.check;

import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.TestUsers;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/checks and GET /api/checks/{id} (SPEC 13), over HTTP against PostgreSQL. */
class PartCheckApiTest extends PartFixture {

    @Test
    void a_part_with_chinese_separation_passes_dfars_before_2027_and_fails_after_with_changes_on() {
        threeLots();
        long before = eventCount();
        Http.Response passing = as(TestUsers.COMPLIANCE).post("/api/checks", partBody("2026-12-15T00:00:00Z"));
        assertThat(passing.status()).as(passing.body()).isEqualTo(201);
        assertThat(eventCount()).as("the check is recorded as one event").isEqualTo(before + 1);
        JsonNode answer = passing.json().path("check").path("answer");
        assertThat(answer.path("verdict").asString()).isEqualTo("PASS");
        assertThat(answer.path("changesOn").asString()).isEqualTo("2027-01-01");
        assertThat(answer.path("items")).hasSize(3);
        assertThat(answer.path("items").get(1).path("changesOn").asString()).isEqualTo("2027-01-01");
        assertThat(answer.path("items").get(0).path("changesOn").isNull()).isTrue();
        assertThat(answer.path("items").get(2).path("massKg").decimalValue()).isEqualByComparingTo("5");
        assertThat(answer.path("totalMassKg").decimalValue()).isEqualByComparingTo("8");
        assertThat(passing.json().path("check").path("principal").asString()).contains("compliance");

        Http.Response failing = as(TestUsers.AUDITOR).post("/api/checks", partBody("2027-01-02T00:00:00Z"));
        assertThat(failing.status()).as(failing.body()).isEqualTo(201);
        JsonNode failed = failing.json().path("check").path("answer");
        assertThat(failed.path("verdict").asString()).isEqualTo("FAIL");
        assertThat(failed.path("items").get(0).path("verdict").asString()).isEqualTo("PASS");
        assertThat(failed.path("items").get(1).path("verdict").asString()).isEqualTo("FAIL");
        assertThat(failed.path("items").get(2).path("verdict").asString()).isEqualTo("PASS");
        assertThat(failed.path("reasons").get(0).path("code").asString()).isEqualTo("SEPARATION_IN_COVERED_COUNTRY");
        // one kg of eight went through separation in China
        assertThat(failed.path("reasons").get(0).path("share").decimalValue()).isEqualByComparingTo(new BigDecimal("0.125"));
        assertThat(failed.path("items").get(1).path("evidence").findValuesAsString("country")).contains("CN");
        assertThat(failed.path("exposure").path("nonBlocProcessingShare").decimalValue())
                .isEqualByComparingTo(new BigDecimal("0.125"));

        String checkId = failing.json().path("check").path("checkId").asString();
        assertThat(failing.header("Location")).isEqualTo("/api/checks/" + checkId);
        Http.Response again = as(TestUsers.COMPLIANCE).get("/api/checks/" + checkId);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(failing.body());
        assertThat(jdbc.sql("select count(*) from domain_event_entry where aggregate_identifier = ?")
                       .param("check/" + checkId).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void unknown_lots_unknown_fields_and_wrong_types_are_400_naming_the_field_and_append_nothing() {
        threeLots();
        long before = eventCount();
        Http.Response unknownLot = http.post("/api/checks", """
                {"policy": "BLOC_ORIGIN", "items": [{"lotId": "%s"}, {"lotId": "NO-SUCH-LOT-X"}]}""".formatted(ore));
        assertProblem(unknownLot, 400, "invalid-command");
        assertNamesField(unknownLot, "items[1].lotId");

        Http.Response unknownField = http.post("/api/checks", """
                {"policy": "BLOC_ORIGIN", "items": [{"lotId": "%s"}], "colour": "red"}""".formatted(ore));
        assertThat(unknownField.status()).as(unknownField.body()).isEqualTo(400);
        assertNamesField(unknownField, "colour");

        Http.Response wrongType = http.post("/api/checks", """
                {"policy": "BLOC_ORIGIN", "items": [{"lotId": "%s", "massKg": "2"}]}""".formatted(ore));
        assertThat(wrongType.status()).as(wrongType.body()).isEqualTo(400);
        assertNamesField(wrongType, "items[0].massKg");

        Http.Response noItems = http.post("/api/checks", "{\"policy\": \"BLOC_ORIGIN\", \"items\": []}");
        assertThat(noItems.status()).as(noItems.body()).isEqualTo(400);
        assertNamesField(noItems, "items");
        assertThat(eventCount()).isEqualTo(before);

        assertProblem(http.get("/api/checks/no-such-check"), 404, "not-found");
    }
}
