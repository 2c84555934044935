package org.provenance.ledger.api.lot;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Registrations, transfers and transformations over HTTP, with every refusal appending nothing. */
class CustodyApiTest extends ApiTest {

    @Test
    void a_registered_lot_keeps_its_declared_origin() {
        String trader = facility("TRADER", "SG");
        String lotId = id("LOT");

        Http.Response created = http.post("/api/lots/registrations", """
                {"lotId": "%s", "custodianId": "%s", "mineral": "Ga", "form": "metal", "massKg": 25,
                 "declaredOrigin": "CN"}""".formatted(lotId, trader));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Http.Response lot = http.get("/api/lots/" + lotId);
        assertThat(lot.text("custodianId")).isEqualTo(trader);
        assertThat(lot.text("declaredOrigin")).isEqualTo("CN");
        assertThat(lot.text("createdBy")).isEqualTo("REGISTRATION");
    }

    @Test
    void a_transfer_moves_custody_and_is_readable_at_once() {
        String mine = facility("MINE", "AU");
        String buyer = facility("BUYER", "US");
        String lotId = extract(mine, "500");
        String transferId = id("T");

        Http.Response created = http.post("/api/transfers", """
                {"id": "%s", "lotId": "%s", "fromFacilityId": "%s", "toFacilityId": "%s",
                 "unitPrice": {"amount": 61.25, "currency": "USD"}}""".formatted(transferId, lotId, mine, buyer));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Http.Response transfer = http.get("/api/transfers/" + transferId);
        assertThat(transfer.status()).isEqualTo(200);
        assertThat(transfer.text("lotId")).isEqualTo(lotId);
        assertThat(transfer.text("fromFacilityId")).isEqualTo(mine);
        assertThat(transfer.text("toFacilityId")).isEqualTo(buyer);
        assertThat(transfer.json().path("unitPrice").path("amount").decimalValue()).isEqualByComparingTo("61.25");
        assertThat(transfer.json().path("unitPrice").path("currency").asString()).isEqualTo("USD");
        assertThat(transfer.json().path("massKg").decimalValue()).isEqualByComparingTo("500");
        assertThat(http.get("/api/lots/" + lotId).text("custodianId")).isEqualTo(buyer);
    }

    @Test
    void transfer_refusals_name_the_problem_and_append_nothing() {
        String mine = facility("MINE", "AU");
        String other = facility("MINE", "AU");
        String buyer = facility("BUYER", "US");
        String lotId = extract(mine, "5");
        long events = eventCount();

        Http.Response notCustodian = transfer(id("T"), lotId, other, buyer);
        assertProblem(notCustodian, 409, "not-in-custody");
        assertNamesField(notCustodian, "fromFacilityId");

        Http.Response toSelf = transfer(id("T"), lotId, mine, mine);
        assertProblem(toSelf, 400, "invalid-command");
        assertNamesField(toSelf, "toFacilityId");

        Http.Response toNobody = transfer(id("T"), lotId, mine, id("GHOST"));
        assertProblem(toNobody, 400, "invalid-command");
        assertNamesField(toNobody, "toFacilityId");

        Http.Response unknownLot = transfer(id("T"), id("LOT"), mine, buyer);
        assertProblem(unknownLot, 400, "invalid-command");
        assertNamesField(unknownLot, "lotId");

        Http.Response badPrice = http.post("/api/transfers", """
                {"id": "%s", "lotId": "%s", "fromFacilityId": "%s", "toFacilityId": "%s",
                 "unitPrice": {"amount": 0, "currency": "usd"}}""".formatted(id("T"), lotId, mine, buyer));
        assertProblem(badPrice, 400, "invalid-command");
        assertNamesField(badPrice, "unitPrice.amount");
        assertNamesField(badPrice, "unitPrice.currency");

        assertThat(eventCount()).isEqualTo(events);
        assertProblem(http.get("/api/transfers/" + id("T")), 404, "not-found");
    }

    @Test
    void a_transfer_id_is_used_once() {
        String mine = facility("MINE", "AU");
        String buyer = facility("BUYER", "US");
        String transferId = id("T");
        assertThat(transfer(transferId, extract(mine, "1"), mine, buyer).status()).isEqualTo(201);
        String anotherLot = extract(mine, "1");
        long events = eventCount();

        Http.Response reused = transfer(transferId, anotherLot, mine, buyer);

        assertProblem(reused, 409, "id-in-use");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void a_transformation_consumes_inputs_and_produces_outputs_atomically() {
        String mine = facility("MINE", "AU");
        String separator = facility("PROCESSOR", "EE");
        String ore1 = extract(mine, "700");
        String ore2 = extract(mine, "300");
        assertThat(transfer(id("T"), ore1, mine, separator).status()).isEqualTo(201);
        assertThat(transfer(id("T"), ore2, mine, separator).status()).isEqualTo(201);
        String transformationId = id("X");
        String oxide = id("OXIDE");
        String tailings = id("TAIL");

        Http.Response created = http.post("/api/transformations", """
                {"id": "%s", "facilityId": "%s", "stage": "SEPARATION",
                 "inputs": [{"lotId": "%s", "massKg": 700}, {"lotId": "%s", "massKg": 299.999999}],
                 "outputs": [{"lotId": "%s", "mineral": "REE", "form": "oxide", "massKg": 120},
                             {"lotId": "%s", "mineral": "REE", "form": "tailings", "massKg": 800}]}"""
                .formatted(transformationId, separator, ore1, ore2, oxide, tailings));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Http.Response first = http.get("/api/lots/" + ore1);
        assertThat(first.text("status")).isEqualTo("CONSUMED");
        assertThat(first.json().path("remainingMassKg").decimalValue()).isZero();
        assertThat(first.json().path("childLotIds")).extracting(JsonNode::asText).containsExactlyInAnyOrder(oxide, tailings);
        Http.Response second = http.get("/api/lots/" + ore2);
        assertThat(second.text("status")).isEqualTo("ACTIVE");
        assertThat(second.json().path("remainingMassKg").decimalValue()).isEqualByComparingTo("0.000001");
        Http.Response output = http.get("/api/lots/" + oxide);
        assertThat(output.text("custodianId")).isEqualTo(separator);
        assertThat(output.text("form")).isEqualTo("oxide");
        assertThat(output.json().path("parentLotIds")).extracting(JsonNode::asText).containsExactlyInAnyOrder(ore1, ore2);
    }

    @Test
    void a_transformation_that_asks_for_more_than_remains_changes_nothing() {
        String mine = facility("MINE", "AU");
        String refinery = facility("PROCESSOR", "JP");
        String enough = extract(mine, "10");
        String scarce = extract(mine, "10");
        transfer(id("T"), enough, mine, refinery);
        transfer(id("T"), scarce, mine, refinery);
        long events = eventCount();

        // The first input alone would succeed; the second fails, so neither may be recorded.
        Http.Response refused = http.post("/api/transformations", """
                {"id": "%s", "facilityId": "%s", "stage": "REFINING",
                 "inputs": [{"lotId": "%s", "massKg": 5}, {"lotId": "%s", "massKg": 10.000001}],
                 "outputs": [{"lotId": "%s", "mineral": "REE", "form": "metal", "massKg": 15}]}"""
                .formatted(id("X"), refinery, enough, scarce, id("OUT")));

        assertProblem(refused, 409, "insufficient-mass");
        assertNamesField(refused, "inputs[1].massKg");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(http.get("/api/lots/" + enough).json().path("remainingMassKg").decimalValue()).isEqualByComparingTo("10");
    }

    @Test
    void transformation_refusals_name_the_fields() {
        String mine = facility("MINE", "AU");
        String buyer = facility("BUYER", "US");
        String trader = facility("TRADER", "SG");
        String processor = facility("PROCESSOR", "EE");
        String lot = extract(mine, "10");
        long events = eventCount();

        Http.Response notInCustody = transformation(processor, "SEPARATION", lot, "1");
        assertProblem(notInCustody, 409, "not-in-custody");
        assertNamesField(notInCustody, "inputs[0].lotId");

        Http.Response buyerCannot = transformation(buyer, "PRODUCTION", lot, "1");
        assertProblem(buyerCannot, 400, "invalid-command");
        assertNamesField(buyerCannot, "facilityId");

        Http.Response traderCannotRefine = transformation(trader, "REFINING", lot, "1");
        assertProblem(traderCannotRefine, 400, "invalid-command");
        assertNamesField(traderCannotRefine, "facilityId");

        Http.Response badStage = transformation(processor, "SMELTING", lot, "1");
        assertProblem(badStage, 400, "malformed-request");
        assertNamesField(badStage, "stage");

        Http.Response empty = http.post("/api/transformations", """
                {"id": "%s", "facilityId": "%s", "stage": "BLENDING", "inputs": [], "outputs": []}"""
                .formatted(id("X"), processor));
        assertProblem(empty, 400, "invalid-command");
        assertNamesField(empty, "inputs");
        assertNamesField(empty, "outputs");

        Http.Response duplicate = http.post("/api/transformations", """
                {"id": "%s", "facilityId": "%s", "stage": "BLENDING",
                 "inputs": [{"lotId": "%s", "massKg": 1}, {"lotId": "%s", "massKg": 1}],
                 "outputs": [{"lotId": "%s", "mineral": "REE", "form": "ore", "massKg": 0}]}"""
                .formatted(id("X"), processor, lot, lot, lot));
        assertProblem(duplicate, 400, "invalid-command");
        assertNamesField(duplicate, "inputs[1].lotId");
        assertNamesField(duplicate, "outputs[0].lotId");
        assertNamesField(duplicate, "outputs[0].massKg");

        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void a_transformation_producing_more_than_it_consumed_is_recorded() {
        String mine = facility("MINE", "AU");
        String processor = facility("PROCESSOR", "EE");
        String lot = extract(mine, "100");
        transfer(id("T"), lot, mine, processor);

        Http.Response created = http.post("/api/transformations", """
                {"id": "%s", "facilityId": "%s", "stage": "SEPARATION",
                 "inputs": [{"lotId": "%s", "massKg": 100}],
                 "outputs": [{"lotId": "%s", "mineral": "REE", "form": "oxide", "massKg": 120}]}"""
                .formatted(id("X"), processor, lot, id("OUT")));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @Test
    void a_lot_history_lists_every_event_with_its_metadata() {
        String mine = facility("MINE", "AU");
        String buyer = facility("BUYER", "US");
        String lotId = extract(mine, "42");
        Http.Response transferred = http.withHeaders(Map.of("X-Request-Id", "req-123", "X-Correlation-Id", "po-778"))
                                        .post("/api/transfers", """
                {"id": "%s", "lotId": "%s", "fromFacilityId": "%s", "toFacilityId": "%s"}"""
                .formatted(id("T"), lotId, mine, buyer));
        assertThat(transferred.status()).isEqualTo(201);

        Http.Response history = http.get("/api/lots/" + lotId + "/events");

        assertThat(history.status()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        history.json().path("events").forEach(events::add);
        assertThat(events).extracting(e -> e.path("type").asString()).containsExactly("LotExtracted", "LotTransferred");
        assertThat(events).extracting(e -> e.path("sequence").asLong()).containsExactly(0L, 1L);
        assertThat(events.get(0).path("position").asLong()).isLessThan(events.get(1).path("position").asLong());
        assertThat(events.get(1).path("position").asLong()).isEqualTo(transferred.json().path("position").asLong());
        for (JsonNode event : events) {
            assertThat(event.path("principal").asString()).isNotBlank();
            assertThat(event.path("correlationId").asString()).isNotBlank();
            assertThat(event.path("timestamp").asString()).isNotBlank();
        }
        assertThat(events.get(1).path("requestId").asString()).isEqualTo("req-123");
        assertThat(events.get(1).path("correlationId").asString()).isEqualTo("po-778");
        assertThat(events.get(0).path("payload").path("massKg").decimalValue()).isEqualByComparingTo("42");
        assertThat(events.get(1).path("payload").path("toFacilityId").asString()).isEqualTo(buyer);
    }

    private Http.Response transformation(String facilityId, String stage, String lotId, String massKg) {
        return http.post("/api/transformations", """
                {"id": "%s", "facilityId": "%s", "stage": "%s",
                 "inputs": [{"lotId": "%s", "massKg": %s}],
                 "outputs": [{"lotId": "%s", "mineral": "REE", "form": "oxide", "massKg": %s}]}"""
                .formatted(id("X"), facilityId, stage, lotId, massKg, id("OUT"), massKg));
    }
}
