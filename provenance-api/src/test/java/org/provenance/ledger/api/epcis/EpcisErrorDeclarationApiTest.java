package org.provenance.ledger.api.epcis;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.Http;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provenance.ledger.api.epcis.EpcisMappingApiTest.commissioning;
import static org.provenance.ledger.api.epcis.EpcisMappingApiTest.shipping;
import static org.provenance.ledger.api.epcis.EpcisMappingApiTest.urn;

/**
 * An EPCIS errorDeclaration (the same eventID captured again with the declaration) on a mapped
 * event leads to the matching correction, or is refused with the reason (SPEC 11, 12).
 */
class EpcisErrorDeclarationApiTest extends EpcisApiTest {

    private String prefix;

    @BeforeEach
    void bloc() {
        homeBloc();
        prefix = Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999));
    }

    @Test
    void aShippingDeclaredInErrorVoidsItsTransferOnceAndAnExtractionDeclaredInErrorIsRefused() {
        String mine = id("EMINE"), buyer = id("EBUY");
        epcisFacility(mine, "MINE", "CN", sgln(prefix, 1));
        epcisFacility(buyer, "BUYER", "US", sgln(prefix, 2));
        String lot = "urn:epc:class:lgtin:" + prefix + ".012345.ORE" + UUID.randomUUID().toString().substring(0, 8);
        String extraction = urn(), sale = urn();
        String commissioned = commissioning(extraction, sgln(prefix, 1), lot, 2.0);
        String shipped = shipping(sale, lot, 2000, sgln(prefix, 1), sgln(prefix, 2), "2027-03-02T08:00:00Z", null);
        captured(http, document(commissioned, shipped));
        JsonNode transfer = http.get("/api/transfers/" + sale).json();
        assertThat(transfer.path("voided").asBoolean()).isFalse();
        assertThat(types(transfer.path("flags"))).contains("NON_BLOC_ORIGIN");
        assertThat(http.get("/api/lots/" + lot).json().path("custodianId").asString()).isEqualTo(buyer);

        // the shipping never happened: the same event again, with its error declaration
        Http.Response declared = captured(http, document(declaredInError(shipped)));
        assertThat(declared.json().path("success").asBoolean()).isTrue();

        JsonNode voided = http.get("/api/transfers/" + sale).json();
        assertThat(voided.path("voided").asBoolean()).as(voided.toString()).isTrue();
        assertThat(voided.path("voidReason").asString()).contains(sale).contains("incorrect_data");
        for (JsonNode flag : voided.path("flags")) {
            assertThat(flag.path("status").asString()).as(flag.toString()).isEqualTo("WITHDRAWN");
        }
        assertThat(http.get("/api/lots/" + lot).json().path("custodianId").asString()).as("custody back with the seller")
                                                                             .isEqualTo(mine);
        JsonNode served = event(http, sale).json();
        assertThat(served.path("errorDeclaration").path("reason").asString()).isEqualTo("incorrect_data");
        assertThat(served.path("ledger:mapping").path("errorDeclaration").path("voidedTransfers").get(0).asString())
                .isEqualTo(sale);
        assertThat(eventIds(http.get("/epcis/events?EXISTS_errorDeclaration=true&EQ_eventID=" + encode(sale)))).containsExactly(sale);

        // declared once: the declaration captured again changes nothing
        captured(http, document(declaredInError(shipped)));
        assertThat(events("EpcisErrorDeclared", sale)).isEqualTo(1);
        assertThat(events("TransferVoided", sale)).isEqualTo(1);

        // an extraction has no correction of its own: refused with the reason, nothing recorded
        Http.Response refused = capture(http, document(declaredInError(commissioned)), null);
        assertThat(refused.status()).as(refused.body()).isEqualTo(202);
        assertThat(refused.json().path("success").asBoolean()).isFalse();
        assertThat(refused.json().path("errors").get(0).path("type").asString()).isEqualTo("/problems/not-correctable");
        assertThat(refused.json().path("errors").get(0).path("detail").asString()).contains("/corrections");
        assertThat(event(http, extraction).json().has("errorDeclaration")).isFalse();
        assertThat(events("EpcisErrorDeclared", extraction)).isZero();
        assertThat(http.get("/api/lots/" + lot).json().path("initialMassKg").decimalValue()).isEqualByComparingTo("2000");
    }

    private static String declaredInError(String event) {
        return event.substring(0, event.lastIndexOf('}')) + """
                , "errorDeclaration": {"declarationTime": "2027-03-10T08:00:00Z",
                                       "reason": "incorrect_data"}}""";
    }

    private long events(String type, String eventId) {
        return jdbc.sql("select count(*) from domain_event_entry where payload_type like ? and convert_from(payload, 'UTF8') like ?")
                   .param("%." + type).param("%" + eventId + "%").query(Long.class).single();
    }

    private static List<String> types(JsonNode flags) {
        List<String> out = new ArrayList<>();
        flags.forEach(f -> out.add(f.path("type").asString()));
        return out;
    }

    private static List<String> eventIds(Http.Response page) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        page.json().path("epcisBody").path("queryResults").path("resultsBody").path("eventList")
            .forEach(e -> ids.add(e.path("eventID").asString()));
        return ids;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
