package org.provenance.ledger.api.epcis;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.Http;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EPCIS events map onto the ledger as SPEC 11 says: the same rare-earth chain recorded through
 * the REST API and as EPCIS documents ends in the same compositions, flags, verdicts and lineage.
 */
class EpcisMappingApiTest extends EpcisApiTest {

    private String prefix;

    @BeforeEach
    void bloc() {
        homeBloc();
        prefix = Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999));
    }

    @Test
    void aChainRecordedAsEpcisDocumentsEqualsTheSameChainRecordedThroughRest() {
        // REST: mine (CN) -> separation (CN) -> refinery (EE) -> buyer (US)
        String mine = id("MINE"), sep = id("SEP"), ref = id("REF"), buyer = id("BUY");
        epcisFacility(mine, "MINE", "CN");
        epcisFacility(sep, "PROCESSOR", "CN");
        epcisFacility(ref, "PROCESSOR", "EE");
        epcisFacility(buyer, "BUYER", "US");
        String ore = id("ORE"), oxide = id("OXIDE"), metal = id("METAL"), sale = id("SALE");
        ok(http.post("/api/lots/extractions", """
                {"lotId": "%s", "mineId": "%s", "mineral": "REE", "form": "ore", "massKg": 1200,
                 "occurredAt": "2027-03-01T08:00:00Z"}""".formatted(ore, mine)));
        ok(http.post("/api/transfers", transfer(id("T"), ore, mine, sep, "2027-03-02T08:00:00Z")));
        ok(http.post("/api/transformations", """
                {"id": "%s", "facilityId": "%s", "stage": "SEPARATION", "inputs": [{"lotId": "%s", "massKg": 1200}],
                 "outputs": [{"lotId": "%s", "mineral": "REE", "form": "oxide", "massKg": 400}],
                 "occurredAt": "2027-03-03T08:00:00Z"}""".formatted(id("X"), sep, ore, oxide)));
        ok(http.post("/api/transfers", transfer(id("T"), oxide, sep, ref, "2027-03-04T08:00:00Z")));
        ok(http.post("/api/transformations", """
                {"id": "%s", "facilityId": "%s", "stage": "REFINING", "inputs": [{"lotId": "%s", "massKg": 400}],
                 "outputs": [{"lotId": "%s", "mineral": "REE", "form": "metal", "massKg": 300.5}],
                 "occurredAt": "2027-03-05T08:00:00Z"}""".formatted(id("X"), ref, oxide, metal)));
        ok(http.post("/api/transfers", """
                {"id": "%s", "lotId": "%s", "fromFacilityId": "%s", "toFacilityId": "%s",
                 "unitPrice": {"amount": 80, "currency": "USD"}, "occurredAt": "2027-03-06T08:00:00Z"}"""
                .formatted(sale, metal, ref, buyer)));

        // EPCIS: the same chain, facilities known by their GLNs, lots by their LGTINs
        String eMine = id("EMINE"), eSep = id("ESEP"), eRef = id("EREF"), eBuyer = id("EBUY");
        epcisFacility(eMine, "MINE", "CN", sgln(prefix, 1));
        epcisFacility(eSep, "PROCESSOR", "CN", sgln(prefix, 2));
        epcisFacility(eRef, "PROCESSOR", "EE", sgln(prefix, 3), "urn:epc:id:pgln:" + prefix + ".00003");
        epcisFacility(eBuyer, "BUYER", "US", "https://id.gs1.org/417/" + prefix + "000044");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String eOre = lgtin("ORE" + run), eOxide = lgtin("OX" + run), eMetal = lgtin("MET" + run);
        String mineShipping = urn(), saleEvent = urn(), refining = urn();
        // the mine: commissioning (in tonnes) and shipping
        captured(http, document("""
                {"type": "ObjectEvent", "eventID": "%s", "action": "ADD", "bizStep": "commissioning",
                 "eventTime": "2027-03-01T08:00:00Z", "eventTimeZoneOffset": "+00:00",
                 "bizLocation": {"id": "%s"}, "epcList": [],
                 "quantityList": [{"epcClass": "%s", "quantity": 1.2, "uom": "TNE"}],
                 "ilmd": {"ledger:mineral": "REE", "ledger:form": "ore"}}""".formatted(urn(), sgln(prefix, 1), eOre),
                shipping(mineShipping, eOre, 1200, sgln(prefix, 1), sgln(prefix, 2), "2027-03-02T08:00:00Z", null)));
        // the separation plant: receiving, separating (stage from ledger:stage), shipping
        captured(http, document(
                receiving(eOre, sgln(prefix, 2), "2027-03-02T12:00:00Z"),
                transformation(urn(), sgln(prefix, 2), "\"ledger:stage\": \"SEPARATION\",", eOre, "1200", "KGM",
                               eOxide, "400000", "GRM", "oxide", "2027-03-03T08:00:00Z"),
                shipping(urn(), eOxide, 400, sgln(prefix, 2), sgln(prefix, 3), "2027-03-04T08:00:00Z", null)));
        // the refinery: refining, and the sale to the buyer (a party given as a Digital Link URI)
        Http.Response refinery = captured(http, document(
                transformation(refining, sgln(prefix, 3), "\"ledger:stage\": \"REFINING\",", eOxide, "400", "KGM",
                               eMetal, "300.5", "KGM", "metal", "2027-03-05T08:00:00Z"),
                shipping(saleEvent, eMetal, 300.5, "urn:epc:id:pgln:" + prefix + ".00003",
                         "https://id.gs1.org/417/" + prefix + "000044", "2027-03-06T08:00:00Z",
                         "{\"amount\": 80, \"currency\": \"USD\"}")));
        assertThat(refinery.json().path("capturedCount").asInt()).isEqualTo(2);

        // the mapping says what each event recorded
        JsonNode sold = event(http, saleEvent).json().path("ledger:mapping");
        assertThat(sold.path("status").asString()).isEqualTo("MAPPED");
        assertThat(sold.path("transfers").get(0).asString()).isEqualTo(saleEvent);
        JsonNode refined = event(http, refining).json().path("ledger:mapping");
        assertThat(refined.path("transformation").asString()).isEqualTo(refining);
        assertThat(refined.path("stage").asString()).isEqualTo("REFINING");

        // the lots: same masses (tonnes and grams converted exactly), same composition and exposure
        JsonNode restMetal = http.get("/api/lots/" + metal).json();
        JsonNode epcisMetal = http.get("/api/lots/" + eMetal).json();
        assertThat(epcisMetal.path("initialMassKg").decimalValue()).isEqualByComparingTo("300.5");
        assertThat(http.get("/api/lots/" + eOre).json().path("initialMassKg").decimalValue()).isEqualByComparingTo("1200");
        assertThat(http.get("/api/lots/" + eOxide).json().path("initialMassKg").decimalValue()).isEqualByComparingTo("400");
        assertThat(epcisMetal.path("composition")).isEqualTo(restMetal.path("composition"));
        assertThat(epcisMetal.path("exposure").path("nonBlocOriginShare"))
                .isEqualTo(restMetal.path("exposure").path("nonBlocOriginShare"));
        assertThat(epcisMetal.path("exposure").path("nonBlocProcessingShare"))
                .isEqualTo(restMetal.path("exposure").path("nonBlocProcessingShare"));
        assertThat(epcisMetal.path("custodianId").asString()).isEqualTo(eBuyer);

        // the sale: same flags (type and share)
        JsonNode restSale = http.get("/api/transfers/" + sale).json();
        JsonNode epcisSale = http.get("/api/transfers/" + saleEvent).json();
        assertThat(flags(epcisSale)).isEqualTo(flags(restSale)).isNotEmpty();
        assertThat(epcisSale.path("unitPrice").path("currency").asString()).isEqualTo("USD");

        // the checks: same verdicts and reasons
        for (String policy : List.of("BLOC_ORIGIN", "DFARS_252_225_7052")) {
            JsonNode restCheck = http.get("/api/lots/" + metal + "/checks/" + policy + "?asOf=2027-04-01").json();
            JsonNode epcisCheck = http.get("/api/lots/" + eMetal + "/checks/" + policy + "?asOf=2027-04-01").json();
            assertThat(epcisCheck.path("verdict")).isEqualTo(restCheck.path("verdict"));
            assertThat(epcisCheck.path("reasons")).isEqualTo(restCheck.path("reasons"));
        }

        // the lineage: the same graph, stage for stage and mass for mass
        JsonNode restLineage = http.get("/api/lots/" + metal + "/lineage?direction=upstream").json();
        JsonNode epcisLineage = http.get("/api/lots/" + eMetal + "/lineage?direction=upstream").json();
        assertThat(shape(epcisLineage)).isEqualTo(shape(restLineage));

        // receiving recorded nothing more, and says so
        assertThat(jdbc.sql("select count(*) from epcis_event where biz_step = 'receiving' and epc_classes @> ?::text[]")
                       .param(new String[]{eOre}).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void withRollbackARefusedMappingFailsTheDocumentAndWithProceedItIsListed() {
        String mine = id("EMINE");
        epcisFacility(mine, "MINE", "AU", sgln(prefix, 7));
        String lot = lgtin("L" + UUID.randomUUID().toString().substring(0, 8));
        captured(http, document(commissioning(urn(), sgln(prefix, 7), lot, 5)));

        // the same lot commissioned again: the extraction is refused (id in use)
        String first = urn(), again = urn();
        String doc = document(CaptureTestEvents.observe(first), commissioning(again, sgln(prefix, 7), lot, 6));
        Http.Response rolledBack = capture(http, doc, null);
        assertThat(rolledBack.status()).isEqualTo(202);
        assertThat(rolledBack.json().path("success").asBoolean()).isFalse();
        assertThat(rolledBack.json().path("captureErrorBehaviour").asString()).isEqualTo("rollback");
        JsonNode error = rolledBack.json().path("errors").get(0);
        assertThat(error.path("eventID").asString()).isEqualTo(again);
        assertThat(error.path("status").asInt()).isEqualTo(409);
        assertThat(event(http, first).status()).isEqualTo(404);

        Http.Response proceeded = capture(http, doc, "proceed");
        assertThat(proceeded.json().path("success").asBoolean()).isFalse();
        assertThat(proceeded.json().path("captureErrorBehaviour").asString()).isEqualTo("proceed");
        assertThat(proceeded.json().path("capturedCount").asInt()).isEqualTo(1);
        assertThat(proceeded.json().path("errors").get(0).path("index").asInt()).isEqualTo(1);
        assertThat(event(http, first).status()).isEqualTo(200);
        assertThat(event(http, again).status()).isEqualTo(404);
        assertThat(http.get("/api/lots/" + lot).json().path("initialMassKg").decimalValue()).isEqualByComparingTo("5000");
    }

    @Test
    void eventsThatDoNotMapAreStoredWithTheReason() {
        String plant = id("EPLANT");
        epcisFacility(plant, "PROCESSOR", "EE", sgln(prefix, 9));
        String mine = id("EMINE");
        epcisFacility(mine, "MINE", "AU", sgln(prefix, 10));
        String atProcessor = urn(), pounds = urn(), noStage = urn();
        captured(http, document(
                commissioning(atProcessor, sgln(prefix, 9), lgtin("P" + UUID.randomUUID().toString().substring(0, 8)), 1),
                """
                {"type": "ObjectEvent", "eventID": "%s", "action": "ADD", "bizStep": "commissioning",
                 "eventTime": "2027-03-01T08:00:00Z", "eventTimeZoneOffset": "+00:00", "bizLocation": {"id": "%s"},
                 "epcList": [], "quantityList": [{"epcClass": "%s", "quantity": 3}]}"""
                        .formatted(pounds, sgln(prefix, 10), lgtin("Q" + UUID.randomUUID().toString().substring(0, 8))),
                transformation(noStage, sgln(prefix, 9), "", lgtin("A"), "1", "KGM", lgtin("B"), "1", "KGM", "oxide",
                               "2027-03-01T09:00:00Z")));
        assertThat(reason(atProcessor)).contains("not a MINE");
        assertThat(reason(pounds)).contains("without a mass unit");
        assertThat(reason(noStage)).contains("names no stage");
    }

    private String reason(String eventId) {
        JsonNode mapping = event(http, eventId).json().path("ledger:mapping");
        assertThat(mapping.path("status").asString()).isEqualTo("UNMAPPED");
        return mapping.path("reason").asString();
    }

    private static List<String> flags(JsonNode transfer) {
        List<String> out = new ArrayList<>();
        transfer.path("flags").forEach(f -> out.add(f.path("type").asString() + " " + f.path("share").decimalValue()
                                                                                        .stripTrailingZeros().toPlainString()));
        out.sort(null);
        return out;
    }

    /** A lineage without its ids: the stages, masses and countries of what it holds. */
    private static List<String> shape(JsonNode lineage) {
        List<String> out = new ArrayList<>();
        lineage.path("lots").forEach(l -> out.add("lot " + l.path("form").asString() + " "
                                                  + l.path("initialMassKg").decimalValue().stripTrailingZeros().toPlainString()
                                                  + " depth " + l.path("depth").asInt()));
        lineage.path("facilities").forEach(f -> out.add("facility " + f.path("kind").asString() + " " + f.path("country").asString()));
        lineage.path("transformations").forEach(t -> out.add("transformation " + t.path("stage").asString()));
        lineage.path("transfers").forEach(t -> out.add("transfer " + t.path("massKg").decimalValue().stripTrailingZeros().toPlainString()));
        out.sort(null);
        return out;
    }

    private static void ok(Http.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static String transfer(String id, String lot, String from, String to, String at) {
        return """
                {"id": "%s", "lotId": "%s", "fromFacilityId": "%s", "toFacilityId": "%s", "occurredAt": "%s"}"""
                .formatted(id, lot, from, to, at);
    }

    private String lgtin(String lot) {
        return "urn:epc:class:lgtin:" + prefix + ".012345." + lot;
    }

    static String urn() {
        return "urn:uuid:" + UUID.randomUUID();
    }

    static String commissioning(String eventId, String location, String lot, double tonnes) {
        return """
                {"type": "ObjectEvent", "eventID": "%s", "action": "ADD", "bizStep": "commissioning",
                 "eventTime": "2027-03-01T08:00:00Z", "eventTimeZoneOffset": "+00:00",
                 "bizLocation": {"id": "%s"}, "epcList": [],
                 "quantityList": [{"epcClass": "%s", "quantity": %s, "uom": "TNE"}],
                 "ilmd": {"ledger:mineral": "REE", "ledger:form": "ore"}}""".formatted(eventId, location, lot, tonnes);
    }

    static String shipping(String eventId, String lot, double kg, String from, String to, String at, String price) {
        return """
                {"type": "ObjectEvent", "eventID": "%s", "action": "OBSERVE", "bizStep": "shipping",
                 "eventTime": "%s", "eventTimeZoneOffset": "+00:00", "epcList": [],
                 "readPoint": {"id": "%s"},
                 "quantityList": [{"epcClass": "%s", "quantity": %s, "uom": "KGM"}],
                 "sourceList": [{"type": "owning_party", "source": "%s"}],
                 "destinationList": [{"type": "owning_party", "destination": "%s"}]%s}"""
                .formatted(eventId, at, from, lot, kg, from, to, price == null ? "" : ", \"ledger:unitPrice\": " + price);
    }

    static String receiving(String lot, String at, String time) {
        return """
                {"type": "ObjectEvent", "eventID": "%s", "action": "OBSERVE", "bizStep": "receiving",
                 "eventTime": "%s", "eventTimeZoneOffset": "+00:00", "epcList": [], "bizLocation": {"id": "%s"},
                 "quantityList": [{"epcClass": "%s", "quantity": 1, "uom": "KGM"}]}""".formatted(urn(), time, at, lot);
    }

    static String transformation(String eventId, String at, String stage, String in, String inQty, String inUom,
                                 String out, String outQty, String outUom, String form, String time) {
        return """
                {"type": "TransformationEvent", "eventID": "%s", %s "bizStep": "commissioning",
                 "eventTime": "%s", "eventTimeZoneOffset": "+00:00", "bizLocation": {"id": "%s"},
                 "inputQuantityList": [{"epcClass": "%s", "quantity": %s, "uom": "%s"}],
                 "outputQuantityList": [{"epcClass": "%s", "quantity": %s, "uom": "%s"}],
                 "ilmd": {"ledger:mineral": "REE", "ledger:form": "%s"}}"""
                .formatted(eventId, stage, time, at, in, inQty, inUom, out, outQty, outUom, form);
    }
}
