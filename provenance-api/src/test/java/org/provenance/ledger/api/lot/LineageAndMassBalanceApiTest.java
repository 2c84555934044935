package org.provenance.ledger.api.lot;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineageAndMassBalanceApiTest extends ApiTest {

    @Test
    void lineage_walks_upstream_and_downstream_with_masses_and_depth_limits() {
        String mine = facility("MINE", "AU");
        String concentrator = facility("PROCESSOR", "AU");
        String separator = facility("PROCESSOR", "EE");
        String ore = extract(mine, "1000");
        transfer(id("T"), ore, mine, concentrator);
        String concentrate = transform(concentrator, "CONCENTRATION", "400", ore, "1000");
        String shipment = id("T");
        transfer(shipment, concentrate, concentrator, separator);
        String oxide = transform(separator, "SEPARATION", "100", concentrate, "400");

        JsonNode up = http.get("/api/lots/" + oxide + "/lineage?direction=upstream").json();
        assertThat(lots(up)).containsExactly(oxide + "@0", concentrate + "@1", ore + "@2");
        assertThat(up.path("transformations")).hasSize(2);
        JsonNode separation = find(up.path("transformations"), "stage", "SEPARATION");
        assertThat(separation.path("facilityId").asString()).isEqualTo(separator);
        assertThat(separation.path("inputs").get(0).path("lotId").asString()).isEqualTo(concentrate);
        assertThat(separation.path("inputs").get(0).path("massKg").decimalValue()).isEqualByComparingTo("400");
        assertThat(separation.path("outputs").get(0).path("massKg").decimalValue()).isEqualByComparingTo("100");
        assertThat(find(up.path("transfers"), "transferId", shipment).path("toFacilityId").asString()).isEqualTo(separator);
        List<String> facilities = new ArrayList<>();
        up.path("facilities").forEach(f -> facilities.add(f.path("facilityId").asString()));
        assertThat(facilities).contains(mine, concentrator, separator);

        JsonNode shallow = http.get("/api/lots/" + oxide + "/lineage?direction=upstream&maxDepth=1").json();
        assertThat(lots(shallow)).containsExactly(oxide + "@0", concentrate + "@1");
        assertThat(shallow.path("transformations")).hasSize(1);

        JsonNode down = http.get("/api/lots/" + ore + "/lineage?direction=downstream").json();
        assertThat(lots(down)).containsExactly(ore + "@0", concentrate + "@1", oxide + "@2");

        Http.Response bad = http.get("/api/lots/" + ore + "/lineage?direction=sideways&maxDepth=-1");
        assertProblem(bad, 400, "invalid-command");
        assertProblem(http.get("/api/lots/" + id("NOPE") + "/lineage"), 404, "not-found");
    }

    @Test
    void mass_balance_per_mineral_and_form() {
        String mine = facility("MINE", "AU");
        String plant = facility("PROCESSOR", "JP");
        String buyer = facility("BUYER", "US");
        String ore1 = extract(mine, "300");
        String ore2 = extract(mine, "200");
        transfer(id("T"), ore1, mine, plant);
        transfer(id("T"), ore2, mine, plant);
        String oxide = transform(plant, "SEPARATION", "50", ore1, "300", ore2, "150");
        transfer(id("T"), oxide, plant, buyer);

        JsonNode plantBalance = http.get("/api/facilities/" + plant + "/mass-balance").json();
        JsonNode ore = find(plantBalance.path("lines"), "form", "ore");
        assertThat(ore.path("receivedKg").decimalValue()).isEqualByComparingTo("500");
        assertThat(ore.path("consumedKg").decimalValue()).isEqualByComparingTo("450");
        assertThat(ore.path("onHandKg").decimalValue()).isEqualByComparingTo("50");
        JsonNode oxideLine = find(plantBalance.path("lines"), "form", "oxide");
        assertThat(oxideLine.path("producedKg").decimalValue()).isEqualByComparingTo("50");
        assertThat(oxideLine.path("transferredOutKg").decimalValue()).isEqualByComparingTo("50");
        assertThat(oxideLine.path("onHandKg").decimalValue()).isZero();

        JsonNode mineBalance = http.get("/api/facilities/" + mine + "/mass-balance").json();
        JsonNode mined = find(mineBalance.path("lines"), "form", "ore");
        assertThat(mined.path("extractedKg").decimalValue()).isEqualByComparingTo("500");
        assertThat(mined.path("transferredOutKg").decimalValue()).isEqualByComparingTo("500");
        assertThat(mined.path("onHandKg").decimalValue()).isZero();

        assertProblem(http.get("/api/facilities/" + id("NOPE") + "/mass-balance"), 404, "not-found");
    }

    private static List<String> lots(JsonNode lineage) {
        List<String> lots = new ArrayList<>();
        lineage.path("lots").forEach(l -> lots.add(l.path("lotId").asString() + "@" + l.path("depth").asInt()));
        return lots;
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode node : array) {
            if (value.equals(node.path(field).asString())) {
                return node;
            }
        }
        throw new AssertionError("no element with " + field + " = " + value + " in " + array);
    }
}
