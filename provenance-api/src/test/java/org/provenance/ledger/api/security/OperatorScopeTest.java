package org.provenance.ledger.api.security;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provenance.ledger.api.support.TestUsers.OPERATOR_MINE;
import static org.provenance.ledger.api.support.TestUsers.OPERATOR_PLANT;

/** An operator records only for its own facilities, and is named in every event it causes. */
class OperatorScopeTest extends ApiTest {

    private Http operator;
    private String otherMine;

    @BeforeEach
    void facilities() {
        http.post("/api/facilities", """
                {"id": "%s", "name": "Operator's mine", "kind": "MINE", "country": "AU"}""".formatted(OPERATOR_MINE));
        http.post("/api/facilities", """
                {"id": "%s", "name": "Operator's plant", "kind": "PROCESSOR", "country": "AU"}""".formatted(OPERATOR_PLANT));
        otherMine = facility("MINE", "AU");
        operator = as(TestUsers.OPERATOR);
    }

    @Test
    void records_at_its_own_facilities_under_its_own_name() {
        String lotId = id("LOT");
        Http.Response extracted = operator.post("/api/lots/extractions", """
                {"lotId": "%s", "mineId": "%s", "mineral": "W", "form": "ore", "massKg": 10}""".formatted(lotId, OPERATOR_MINE));
        assertThat(extracted.status()).as(extracted.body()).isEqualTo(201);
        assertThat(operator.post("/api/transfers", """
                {"id": "%s", "lotId": "%s", "fromFacilityId": "%s", "toFacilityId": "%s"}"""
                .formatted(id("T"), lotId, OPERATOR_MINE, OPERATOR_PLANT)).status()).isEqualTo(201);
        Http.Response transformed = operator.post("/api/transformations", """
                {"id": "%s", "facilityId": "%s", "stage": "CONCENTRATION", "inputs": [{"lotId": "%s", "massKg": 10}],
                 "outputs": [{"lotId": "%s", "mineral": "W", "form": "concentrate", "massKg": 4}]}"""
                .formatted(id("X"), OPERATOR_PLANT, lotId, id("OUT")));
        assertThat(transformed.status()).as(transformed.body()).isEqualTo(201);

        http.get("/api/lots/" + lotId + "/events").json().path("events")
            .forEach(event -> assertThat(event.path("principal").asString()).isEqualTo(TestUsers.OPERATOR.principal()));
    }

    @Test
    void may_not_record_for_other_facilities_and_nothing_is_appended() {
        String foreignLot = extract(otherMine, "5");
        long events = eventCount();

        Http.Response extraction = operator.post("/api/lots/extractions", """
                {"lotId": "%s", "mineId": "%s", "mineral": "W", "form": "ore", "massKg": 1}""".formatted(id("LOT"), otherMine));
        Http.Response registration = operator.post("/api/lots/registrations", """
                {"lotId": "%s", "custodianId": "%s", "mineral": "W", "form": "ore", "massKg": 1}""".formatted(id("LOT"), otherMine));
        Http.Response transfer = operator.post("/api/transfers", """
                {"id": "%s", "lotId": "%s", "fromFacilityId": "%s", "toFacilityId": "%s"}"""
                .formatted(id("T"), foreignLot, otherMine, OPERATOR_PLANT));
        Http.Response transformation = operator.post("/api/transformations", """
                {"id": "%s", "facilityId": "%s", "stage": "BLENDING", "inputs": [{"lotId": "%s", "massKg": 1}],
                 "outputs": [{"lotId": "%s", "mineral": "W", "form": "ore", "massKg": 1}]}"""
                .formatted(id("X"), otherMine, foreignLot, id("OUT")));

        for (Http.Response refused : new Http.Response[]{extraction, registration, transfer, transformation}) {
            assertProblem(refused, 403, "forbidden");
        }
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void a_lot_in_another_facility_custody_cannot_be_transferred_by_naming_its_own_facility_as_sender() {
        String foreignLot = extract(otherMine, "5");
        long events = eventCount();

        Http.Response transfer = operator.post("/api/transfers", """
                {"id": "%s", "lotId": "%s", "fromFacilityId": "%s", "toFacilityId": "%s"}"""
                .formatted(id("T"), foreignLot, OPERATOR_MINE, OPERATOR_PLANT));

        assertProblem(transfer, 409, "not-in-custody");
        assertThat(eventCount()).isEqualTo(events);
    }
}
