package org.provenance.ledger.api.correction;

import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.TestUsers;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Facility corrections, transfer voids, recall reports and record-time reads (SPEC 12), over HTTP on PostgreSQL. */
class CorrectionsApiTest extends ApiTest {

    @Test
    void a_canadian_mine_found_owned_from_china_flags_its_downstream_purchases_and_old_answers_stay_readable() {
        homeBloc();
        String mine = facility("MINE", "CA");
        String separator = facility("PROCESSOR", "EE");
        String buyer = facility("BUYER", "US");
        String ore = extractAt(mine, "100", "2026-03-01T00:00:00Z");
        String toSeparator = id("T");
        transferAt(toSeparator, ore, mine, separator, "2026-03-02T00:00:00Z");
        String oxide = transformAt(separator, "SEPARATION", "2026-03-05T00:00:00Z", "40", ore, "40");
        String sale = id("SALE");
        transferAt(sale, oxide, separator, buyer, "2026-03-10T00:00:00Z");
        assertThat(http.get("/api/transfers/" + sale).json().path("flags")).as("all bloc material: no flag").isEmpty();
        Instant before = Instant.now();

        String correction = id("CORR");
        Http.Response corrected = as(TestUsers.ADMIN).post("/api/facilities/" + mine + "/corrections", """
                {"id": "%s", "effectiveFrom": "2026-01-01T00:00:00Z", "ownerCountry": "CN",
                 "reason": "registry filing shows a Chinese parent"}""".formatted(correction));
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(201);
        assertThat(corrected.header("Location")).endsWith("/api/corrections/" + correction);

        Http.Response report = as(TestUsers.COMPLIANCE).get("/api/corrections/" + correction);
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        JsonNode r = report.json();
        assertThat(r.path("status").asString()).isEqualTo("COMPLETE");
        assertThat(r.path("lotsRecomputed").asInt()).isEqualTo(2);
        assertThat(strings(r.path("affectedLots"))).containsExactly(ore, oxide);
        assertThat(strings(r.path("flagsRaised").findValues("flagId")))
                .containsExactlyInAnyOrder(toSeparator + ":NON_BLOC_CONTROL", sale + ":NON_BLOC_CONTROL");
        assertThat(r.path("flagsWithdrawn")).isEmpty();
        assertThat(r.path("holders")).hasSize(2); // the separator holds what is left of the ore, the buyer the oxide
        assertThat(r.path("holders").findValuesAsString("facilityId")).containsExactlyInAnyOrder(separator, buyer);

        JsonNode flag = http.get("/api/flags/" + sale + ":NON_BLOC_CONTROL").json();
        assertThat(flag.path("status").asString()).isEqualTo("OPEN");
        assertThat(flag.path("cause").asString()).isEqualTo("correction/" + correction);
        assertThat(flag.path("share").decimalValue()).isEqualByComparingTo("1");
        assertThat(flag.path("evidence").get(0).path("ownerCountry").asString()).isEqualTo("CN");

        // what the ledger answered before the correction, reproduced after it
        assertThat(http.get("/api/flags/" + sale + ":NON_BLOC_CONTROL?asKnownAt=" + before).status()).isEqualTo(404);
        JsonNode then = http.get("/api/lots/" + oxide + "?asKnownAt=" + before).json();
        assertThat(then.path("composition").get(0).path("control")).isEmpty();
        assertThat(then.path("exposure").path("nonBlocControlShare").decimalValue()).isEqualByComparingTo("0");
        JsonNode now = http.get("/api/lots/" + oxide).json();
        assertThat(strings(now.path("composition").get(0).path("control"))).containsExactly("CN");
        assertThat(http.get("/api/lots/" + oxide + "/checks/BLOC_ORIGIN?asKnownAt=" + before).text("verdict"))
                .isEqualTo("PASS");
        assertThat(http.get("/api/lots/" + oxide + "/checks/BLOC_ORIGIN").text("verdict")).isEqualTo("FAIL");
        assertThat(http.get("/api/flags?facilityId=" + buyer + "&asKnownAt=" + before).json().path("total").asInt())
                .isZero();
        assertThat(http.get("/api/flags?facilityId=" + buyer).json().path("total").asInt()).isEqualTo(1);

        // the what-if supposes its corrections over the recorded ones: another owner for the separator leaves the
        // mine's recorded Chinese owner in place, so neither purchase would change
        Http.Response whatIf = as(TestUsers.COMPLIANCE).post("/api/what-if", """
                {"facilityCorrections": [{"facilityId": "%s", "ownerCountry": "JP",
                                          "effectiveFrom": "2026-01-01T00:00:00Z"}]}""".formatted(separator));
        assertThat(whatIf.status()).as(whatIf.body()).isEqualTo(200);
        assertThat(strings(whatIf.json().path("purchases").findValues("transferId"))).doesNotContain(sale, toSeparator);

        Http.Response csv = as(TestUsers.COMPLIANCE).withHeaders(java.util.Map.of("Accept", "text/csv"))
                                                    .get("/api/corrections/" + correction);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("record,lotId,transferId,facilityId,flagId,type,change,share,remainingMassKg\r\n")
                              .contains("FLAG," + oxide + "," + sale + "," + buyer + "," + sale
                                                + ":NON_BLOC_CONTROL,NON_BLOC_CONTROL,RAISED,1")
                              .contains("HOLDING," + oxide + ",," + buyer);

        // a later correction corrects the earlier one: the flags are withdrawn, naming it
        String undo = id("CORR");
        assertThat(as(TestUsers.ADMIN).post("/api/facilities/" + mine + "/corrections", """
                {"id": "%s", "effectiveFrom": "2026-01-01T00:00:00Z", "ownerCountry": "CA",
                 "reason": "the filing was about another company"}""".formatted(undo)).status()).isEqualTo(201);
        JsonNode second = http.get("/api/corrections/" + undo).json();
        assertThat(strings(second.path("flagsWithdrawn").findValues("flagId")))
                .containsExactlyInAnyOrder(toSeparator + ":NON_BLOC_CONTROL", sale + ":NON_BLOC_CONTROL");
        JsonNode history = as(TestUsers.AUDITOR).get("/api/facilities/" + mine + "/corrections").json();
        assertThat(strings(history.findValues("correctionId"))).containsExactly(correction, undo);
        assertThat(history.get(0).path("principal").asString()).isEqualTo("local:admin");
        JsonNode withdrawn = http.get("/api/flags/" + sale + ":NON_BLOC_CONTROL").json();
        assertThat(withdrawn.path("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(withdrawn.path("withdrawnBy").asString()).isEqualTo("correction/" + undo);
        assertThat(http.get("/api/lots/" + oxide).json().path("composition").get(0).path("control")).isEmpty();
    }

    @Test
    void a_refinery_found_in_china_from_a_date_changes_only_later_outputs_and_dfars_flips_on_the_right_dates() {
        homeBloc();
        String mine = facility("MINE", "AU");
        String refinery = facility("PROCESSOR", "EE");
        String buyer = facility("BUYER", "US");
        String ore1 = extractAt(mine, "100", "2026-02-01T00:00:00Z");
        String ore2 = extractAt(mine, "100", "2026-02-01T00:00:00Z");
        transferAt(id("T"), ore1, mine, refinery, "2026-02-10T00:00:00Z");
        transferAt(id("T"), ore2, mine, refinery, "2026-02-10T00:00:00Z");
        String early = transformAt(refinery, "REFINING", "2026-03-01T00:00:00Z", "50", ore1, "50");
        String late = transformAt(refinery, "REFINING", "2026-06-01T00:00:00Z", "50", ore2, "50");
        String earlySale = id("SALE");
        String lateSale = id("SALE");
        transferAt(earlySale, early, refinery, buyer, "2026-07-01T00:00:00Z");
        transferAt(lateSale, late, refinery, buyer, "2026-07-01T00:00:00Z");
        assertThat(dfars(late, "2027-01-02T00:00:00Z", null).path("verdict").asString()).isEqualTo("PASS");
        Instant before = Instant.now();

        String correction = id("CORR");
        Http.Response corrected = http.post("/api/facilities/" + refinery + "/corrections", """
                {"id": "%s", "effectiveFrom": "2026-04-01T00:00:00Z", "country": "CN",
                 "reason": "the plant is in Baotou; EE was the sales office"}""".formatted(correction));
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(201);

        JsonNode r = http.get("/api/corrections/" + correction).json();
        assertThat(r.path("lotsRecomputed").asInt()).as("both outputs name the refinery").isEqualTo(2);
        assertThat(strings(r.path("affectedLots"))).containsExactly(late);
        assertThat(strings(r.path("flagsRaised").findValues("flagId"))).containsExactly(lateSale + ":NON_BLOC_PROCESSING");

        assertThat(strings(http.get("/api/lots/" + early).json().path("composition").get(0).path("stages")
                               .path("REFINING"))).containsExactly("EE");
        assertThat(strings(http.get("/api/lots/" + late).json().path("composition").get(0).path("stages")
                               .path("REFINING"))).containsExactly("CN");
        // DFARS covers refining from 2027-01-01: the later output passes before, fails after, and says so
        JsonNode lateNow = dfars(late, "2026-12-20T00:00:00Z", null);
        assertThat(lateNow.path("verdict").asString()).isEqualTo("PASS");
        assertThat(lateNow.path("changesOn").asString()).isEqualTo("2027-01-01");
        assertThat(dfars(late, "2027-01-02T00:00:00Z", null).path("verdict").asString()).isEqualTo("FAIL");
        assertThat(dfars(early, "2027-01-02T00:00:00Z", null).path("verdict").asString()).isEqualTo("PASS");
        assertThat(dfars(early, "2026-12-20T00:00:00Z", null).path("changesOn").isNull()).isTrue();
        // and what the ledger said before the correction, to the digit
        JsonNode old = dfars(late, "2027-01-02T00:00:00Z", before);
        assertThat(old.path("verdict").asString()).isEqualTo("PASS");
        assertThat(dfars(late, "2026-12-20T00:00:00Z", before).path("changesOn").isNull()).isTrue();
        assertThat(http.get("/api/transfers/" + earlySale).json().path("flags")).isEmpty();
    }

    @Test
    void a_void_withdraws_the_transfers_flags_and_gives_custody_back_and_is_refused_once_the_buyer_moved_the_lot() {
        homeBloc();
        String mine = facility("MINE", "CN");
        String buyer = facility("BUYER", "US");
        String other = facility("BUYER", "DE");
        String ore = extract(mine, "10");
        String sale = id("SALE");
        assertThat(transfer(sale, ore, mine, buyer).status()).isEqualTo(201);
        assertThat(http.get("/api/flags/" + sale + ":NON_BLOC_ORIGIN").text("status")).isEqualTo("OPEN");
        Instant before = Instant.now();

        Http.Response voided = as(TestUsers.COMPLIANCE).post("/api/transfers/" + sale + "/voids",
                                                            "{\"reason\": \"the shipment never left the mine\"}");
        assertThat(voided.status()).as(voided.body()).isEqualTo(201);
        JsonNode flag = http.get("/api/flags/" + sale + ":NON_BLOC_ORIGIN").json();
        assertThat(flag.path("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(flag.path("withdrawnBy").asString()).isEqualTo("void/" + sale);
        assertThat(http.get("/api/flags/" + sale + ":NON_BLOC_ORIGIN?asKnownAt=" + before).text("status"))
                .isEqualTo("OPEN");
        JsonNode transfer = http.get("/api/transfers/" + sale).json();
        assertThat(transfer.path("voided").asBoolean()).isTrue();
        assertThat(transfer.path("voidReason").asString()).isEqualTo("the shipment never left the mine");
        assertThat(http.get("/api/lots/" + ore).text("custodianId")).isEqualTo(mine);
        assertThat(http.get("/api/lots/" + ore + "?asKnownAt=" + before).text("custodianId")).isEqualTo(buyer);
        // the same void again is answered as before; the seller holds the lot again and may sell it
        assertThat(as(TestUsers.COMPLIANCE).post("/api/transfers/" + sale + "/voids",
                                                 "{\"reason\": \"the shipment never left the mine\"}").status())
                .isEqualTo(201);
        assertThat(transfer(id("T"), ore, mine, other).status()).isEqualTo(201);

        String ore2 = extract(mine, "10");
        String first = id("SALE");
        assertThat(transfer(first, ore2, mine, buyer).status()).isEqualTo(201);
        assertThat(transfer(id("T"), ore2, buyer, other).status()).isEqualTo(201);
        assertProblem(as(TestUsers.COMPLIANCE).post("/api/transfers/" + first + "/voids", "{\"reason\": \"mistake\"}"),
                      409, "moved-since");
        assertThat(http.get("/api/flags/" + first + ":NON_BLOC_ORIGIN").text("status")).isEqualTo("OPEN");
        assertProblem(as(TestUsers.COMPLIANCE).post("/api/transfers/" + id("NONE") + "/voids", "{\"reason\": \"x\"}"),
                      404, "not-found");
        assertThat(as(TestUsers.AUDITOR).post("/api/transfers/" + first + "/voids", "{\"reason\": \"x\"}").status())
                .isEqualTo(403);
        // an operator voids only what its own facility sold
        String ore3 = extract(mine, "10");
        String third = id("SALE");
        assertThat(transfer(third, ore3, mine, buyer).status()).isEqualTo(201);
        assertThat(as(TestUsers.OPERATOR).post("/api/transfers/" + third + "/voids", "{\"reason\": \"x\"}").status())
                .isEqualTo(403);
        assertThat(http.get("/api/transfers/" + third).json().path("voided").asBoolean()).isFalse();
    }

    @Test
    void a_correction_of_a_dag_root_recomputes_exactly_the_lots_downstream_of_it() {
        homeBloc();
        String root = facility("MINE", "AU");
        String otherMine = facility("MINE", "AU");
        String plant = facility("PROCESSOR", "EE");
        Random random = new Random(19);
        List<String> lots = new ArrayList<>();
        Set<String> downstream = new LinkedHashSet<>();
        for (int i = 0; i < 6; i++) {
            boolean fromRoot = i % 2 == 0;
            String mine = fromRoot ? root : otherMine;
            String ore = extract(mine, "1000");
            assertThat(transfer(id("T"), ore, mine, plant).status()).isEqualTo(201);
            lots.add(ore);
            if (fromRoot) {
                downstream.add(ore);
            }
        }
        for (int i = 0; i < 24; i++) {
            Set<String> inputs = new HashSet<>();
            int count = 1 + random.nextInt(2);
            while (inputs.size() < count) {
                // mostly recent lots, so that some chains stay clear of the root's material
                inputs.add(lots.get(Math.max(0, lots.size() - 1 - random.nextInt(Math.min(lots.size(), 5)))));
            }
            List<String> args = new ArrayList<>();
            // small draws from 1 kg outputs: a lot can be drawn on many times (the surplus is untraced, which is fine here)
            inputs.stream().sorted().forEach(l -> { args.add(l); args.add("0.01"); });
            String out = transform(plant, "SEPARATION", "1", args.toArray(String[]::new));
            lots.add(out);
            if (inputs.stream().anyMatch(downstream::contains)) {
                downstream.add(out);
            }
        }
        assertThat(downstream.size()).as("the DAG has lots on both sides").isBetween(4, lots.size() - 3);

        String correction = id("CORR");
        assertThat(http.post("/api/facilities/" + root + "/corrections", """
                {"id": "%s", "effectiveFrom": "2000-01-01T00:00:00Z", "ownerCountry": "RU",
                 "reason": "sanctioned owner"}""".formatted(correction)).status()).isEqualTo(201);
        JsonNode r = http.get("/api/corrections/" + correction).json();
        assertThat(r.path("lotsRecomputed").asInt()).isEqualTo(downstream.size());
        assertThat(r.path("lotsChanged").asInt()).isEqualTo(downstream.size());
        assertThat(strings(r.path("affectedLots"))).containsExactlyInAnyOrderElementsOf(downstream);
        assertThat(jdbc.sql("select lot_id from correction_lot where correction_id = ?").param(correction)
                       .query(String.class).list()).containsExactlyInAnyOrderElementsOf(downstream);
        for (String lot : lots) {
            boolean controlled = http.get("/api/lots/" + lot).json().path("exposure").path("nonBlocControlShare")
                                     .decimalValue().signum() > 0;
            assertThat(controlled).as(lot).isEqualTo(downstream.contains(lot));
        }
    }

    private JsonNode dfars(String lotId, String asOf, Instant asKnownAt) {
        Http.Response r = http.get("/api/lots/" + lotId + "/checks/DFARS_252_225_7052?asOf=" + asOf
                                           + (asKnownAt == null ? "" : "&asKnownAt=" + asKnownAt));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private String extractAt(String mineId, String massKg, String at) {
        String lotId = id("LOT");
        Http.Response r = http.post("/api/lots/extractions", """
                {"lotId": "%s", "mineId": "%s", "mineral": "REE", "form": "ore", "massKg": %s, "occurredAt": "%s"}"""
                .formatted(lotId, mineId, massKg, at));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return lotId;
    }

    private void transferAt(String transferId, String lotId, String from, String to, String at) {
        Http.Response r = http.post("/api/transfers", """
                {"id": "%s", "lotId": "%s", "fromFacilityId": "%s", "toFacilityId": "%s", "occurredAt": "%s"}"""
                .formatted(transferId, lotId, from, to, at));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private String transformAt(String facilityId, String stage, String at, String outputKg, String lotId, String kg) {
        String out = id("OUT");
        Http.Response r = http.post("/api/transformations", """
                {"id": "%s", "facilityId": "%s", "stage": "%s", "inputs": [{"lotId": "%s", "massKg": %s}],
                 "outputs": [{"lotId": "%s", "mineral": "REE", "form": "oxide", "massKg": %s}], "occurredAt": "%s"}"""
                .formatted(id("X"), facilityId, stage, lotId, kg, out, outputKg, at));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    private static List<String> strings(List<JsonNode> nodes) {
        return nodes.stream().map(JsonNode::asString).toList();
    }
}
