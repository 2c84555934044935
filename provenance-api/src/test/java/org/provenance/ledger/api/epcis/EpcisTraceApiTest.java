package org.provenance.ledger.api.epcis;

import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.TestUsers;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /epcis/trace across the ledger's transformations, TransformationEvents and AggregationEvents. */
class EpcisTraceApiTest extends EpcisApiTest {

    @Test
    void aTraceFollowsLedgerLineageTransformationEventsAndAggregationsWithQuantities() {
        String prefix = Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999));
        String run = UUID.randomUUID().toString().substring(0, 8);
        String mine = id("TMINE"), plant = id("TPLANT");
        epcisFacility(mine, "MINE", "AU", sgln(prefix, 1));
        epcisFacility(plant, "PROCESSOR", "AU", sgln(prefix, 2));
        String ore = "urn:epc:class:lgtin:" + prefix + ".012345.ORE" + run;
        String oxide = "urn:epc:class:lgtin:" + prefix + ".012345.OX" + run;
        String magnet = "urn:epc:class:lgtin:" + prefix + ".054321.MAG" + run;
        String pallet = "urn:epc:id:sscc:" + prefix + "." + String.format("%010d", ThreadLocalRandom.current().nextLong(1_000_000_000L));
        captured(http, document(
                EpcisMappingApiTest.commissioning(urn(), sgln(prefix, 1), ore, 1),
                EpcisMappingApiTest.shipping(urn(), ore, 1000, sgln(prefix, 1), sgln(prefix, 2), "2027-03-02T08:00:00Z", null),
                // mapped: a ledger transformation
                EpcisMappingApiTest.transformation(urn(), sgln(prefix, 2), "\"ledger:stage\": \"SEPARATION\",", ore, "1000",
                                                   "KGM", oxide, "250", "KGM", "oxide", "2027-03-03T08:00:00Z"),
                // not mapped (a magnet maker the ledger does not know): an EPCIS edge only
                """
                {"type": "TransformationEvent", "eventID": "%s", "eventTime": "2027-03-04T08:00:00Z",
                 "eventTimeZoneOffset": "+00:00",
                 "inputQuantityList": [{"epcClass": "%s", "quantity": 40, "uom": "KGM"}],
                 "outputQuantityList": [{"epcClass": "%s", "quantity": 500}]}""".formatted(urn(), oxide, magnet),
                """
                {"type": "AggregationEvent", "eventID": "%s", "action": "ADD", "bizStep": "packing",
                 "eventTime": "2027-03-05T08:00:00Z", "eventTimeZoneOffset": "+00:00", "parentID": "%s",
                 "childEPCs": [], "childQuantityList": [{"epcClass": "%s", "quantity": 200}]}"""
                        .formatted(urn(), pallet, magnet)));

        Http compliance = as(TestUsers.COMPLIANCE);
        JsonNode up = compliance.get("/epcis/trace?direction=upstream&epc=" + encode(pallet)).json();
        assertThat(ids(up)).containsExactly(pallet + " 0", magnet + " 1", oxide + " 2", ore + " 3");
        assertThat(edges(up)).contains(
                "AggregationEvent " + pallet + " -> " + magnet + " 200",
                "TransformationEvent " + magnet + " -> " + oxide + " 40 KGM",
                "TRANSFORMATION " + oxide + " -> " + ore + " 1000 KGM");
        assertThat(up.path("events")).hasSize(3); // the aggregation and both TransformationEvents

        JsonNode down = compliance.get("/epcis/trace?direction=downstream&epc=" + encode(ore)).json();
        assertThat(ids(down)).containsExactly(ore + " 0", oxide + " 1", magnet + " 2", pallet + " 3");
        assertThat(edges(down)).contains("TRANSFORMATION " + ore + " -> " + oxide + " 250 KGM",
                                         "TransformationEvent " + oxide + " -> " + magnet + " 500");

        assertThat(compliance.get("/epcis/trace?epc=" + encode(ore) + "&direction=sideways").status()).isEqualTo(400);
        assertThat(compliance.get("/epcis/trace").status()).isEqualTo(400);
        assertThat(as(TestUsers.OPERATOR).get("/epcis/trace?epc=" + encode(ore)).status()).isEqualTo(403);
    }

    private static List<String> ids(JsonNode trace) {
        List<String> out = new ArrayList<>();
        trace.path("identifiers").forEach(n -> out.add(n.path("id").asString() + " " + n.path("depth").asInt()));
        return out;
    }

    private static List<String> edges(JsonNode trace) {
        List<String> out = new ArrayList<>();
        trace.path("edges").forEach(e -> out.add(e.path("kind").asString() + " " + e.path("from").asString() + " -> "
                                                 + e.path("to").asString()
                                                 + (e.path("quantity").isNumber()
                                                    ? " " + e.path("quantity").decimalValue().stripTrailingZeros().toPlainString() : "")
                                                 + (e.path("uom").isString() ? " " + e.path("uom").asString() : "")));
        return out;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String urn() {
        return "urn:uuid:" + UUID.randomUUID();
    }
}
