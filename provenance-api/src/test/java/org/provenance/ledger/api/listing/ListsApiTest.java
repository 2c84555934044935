package org.provenance.ledger.api.listing;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.TestUsers;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC 6 lists: filters, paging, strict parameters and CSV. */
class ListsApiTest extends ApiTest {

    private String mine;
    private String mmMine;
    private String separator;
    private String buyer;
    private String clean;
    private String blended;
    private String sale;

    @BeforeEach
    void chain() {
        homeBloc();
        mine = facility("MINE", "AU");
        mmMine = facility("MINE", "MM");
        separator = facility("PROCESSOR", "EE");
        buyer = facility("BUYER", "US");
        clean = extract(mine, "100");
        String mm = extract(mmMine, "300");
        String au = extract(mine, "700");
        transfer(id("T"), au, mine, separator);
        transfer(id("T"), mm, mmMine, separator);
        blended = transform(separator, "SEPARATION", "1000", au, "700", mm, "300");
        sale = id("SALE");
        assertThat(transfer(sale, blended, separator, buyer).status()).isEqualTo(201);
    }

    @Test
    void facilities_are_listed_by_id_prefix_kind_and_country() {
        Http.Response page = http.get("/api/facilities?q=" + mine + "&kind=mine&country=au");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(ids(page, "id")).containsExactly(mine);
        assertThat(page.json().path("total").asLong()).isEqualTo(1);
        assertThat(ids(http.get("/api/facilities?q=MINE-&country=MM&size=500"), "id")).contains(mmMine)
                .doesNotContain(mine);
        assertThat(ids(http.get("/api/facilities?q=" + mine + "&kind=BUYER"), "id")).isEmpty();
    }

    @Test
    void lots_are_searched_by_prefix_custodian_status_and_open_purchase_flags() {
        assertThat(ids(http.get("/api/lots?q=" + blended), "lotId")).containsExactly(blended);
        Http.Response flagged = http.get("/api/lots?flagged=true&custodianId=" + buyer);
        assertThat(ids(flagged, "lotId")).containsExactly(blended);
        assertThat(flagged.json().path("items").get(0).path("openPurchaseFlags").asInt()).isEqualTo(1);
        assertThat(ids(http.get("/api/lots?flagged=false&custodianId=" + mine), "lotId")).containsExactly(clean);
        assertThat(ids(http.get("/api/lots?status=consumed&custodianId=" + separator), "lotId")).hasSize(2);
        assertThat(ids(http.get("/api/lots?status=ACTIVE&custodianId=" + separator), "lotId")).isEmpty();
        assertThat(ids(http.get("/api/lots?mineral=REE&custodianId=" + mine), "lotId")).containsExactly(clean);
    }

    @Test
    void transfers_are_listed_by_lot_facility_and_time_newest_first() {
        Http.Response bySeparator = http.get("/api/transfers?facilityId=" + separator);
        assertThat(bySeparator.json().path("total").asLong()).isEqualTo(3);
        assertThat(bySeparator.json().path("items").get(0).path("id").asString()).isEqualTo(sale);
        assertThat(ids(http.get("/api/transfers?lotId=" + blended), "id")).containsExactly(sale);
        assertThat(ids(http.get("/api/transfers?facilityId=" + separator + "&to=2000-01-01"), "id")).isEmpty();
        assertThat(ids(http.get("/api/transfers?facilityId=" + buyer + "&from=2000-01-01"), "id"))
                .containsExactly(sale);
        Http.Response paged = http.get("/api/transfers?facilityId=" + separator + "&page=1&size=2");
        assertThat(paged.json().path("items")).hasSize(1);
        assertThat(paged.json().path("page").asInt()).isEqualTo(1);
        assertThat(paged.json().path("size").asInt()).isEqualTo(2);
    }

    @Test
    void every_list_answers_csv_with_a_header_row_and_the_same_filters() {
        Http csv = http.withHeaders(Map.of("Accept", "text/csv"));
        Http.Response lots = csv.get("/api/lots?q=" + blended);
        assertThat(lots.status()).as(lots.body()).isEqualTo(200);
        assertThat(lots.contentType()).startsWith("text/csv");
        assertThat(lots.header("X-Total-Count")).isEqualTo("1");
        assertThat(lots.body()).startsWith("lotId,mineral,form,initialMassKg,remainingMassKg,custodianId,status,")
                               .contains("\r\n" + blended + ",REE,oxide,1000,1000," + buyer + ",ACTIVE,");
        assertThat(csv.get("/api/facilities?q=" + mine).body())
                .isEqualTo("id,name,kind,country,ownerCountry\r\n" + mine + ",MINE AU,MINE,AU,\r\n");
        assertThat(csv.get("/api/transfers?lotId=" + blended).body().lines().toList()).hasSize(2);
        Http.Response flags = csv.get("/api/flags?facilityId=" + buyer);
        assertThat(flags.contentType()).startsWith("text/csv");
        assertThat(flags.body()).startsWith("id,type,share,status,").contains(sale + ":NON_BLOC_ORIGIN,NON_BLOC_ORIGIN,0.3,OPEN,TRANSFER,");
        // a wildcard or no Accept header gets JSON, as before CSV existed
        assertThat(http.withHeaders(Map.of("Accept", "*/*")).get("/api/flags?facilityId=" + buyer).contentType())
                .startsWith("application/json");
    }

    @Test
    void csv_quotes_fields_as_rfc_4180_says_and_flags_keep_their_whole_review_history() {
        String flagId = sale + ":NON_BLOC_ORIGIN";
        Http compliance = as(TestUsers.COMPLIANCE);
        assertThat(compliance.post("/api/flags/" + flagId + "/reviews", """
                {"decision": "CONFIRMED", "note": "first, \\"quoted\\" look"}""").status()).isEqualTo(201);
        assertThat(compliance.post("/api/flags/" + flagId + "/reviews", """
                {"decision": "ACCEPTED_RISK", "note": "second look"}""").status()).isEqualTo(201);
        JsonNode flag = http.get("/api/flags?facilityId=" + buyer).json().path("items").get(0);
        assertThat(flag.path("reviews").findValuesAsString("decision")).containsExactly("CONFIRMED", "ACCEPTED_RISK");
        assertThat(flag.path("status").asString()).isEqualTo("ACCEPTED_RISK");
        String body = http.withHeaders(Map.of("Accept", "text/csv")).get("/api/flags?facilityId=" + buyer).body();
        assertThat(body).contains(",ACCEPTED_RISK,second look," + TestUsers.COMPLIANCE.principal() + ",")
                        .contains("\"CONFIRMED by " + TestUsers.COMPLIANCE.principal() + " at ").contains(": first, \"\"quoted\"\" look | ");
    }

    @Test
    void parameters_are_strict_and_name_what_is_wrong() {
        assertBad(http.get("/api/facilities?kind=QUARRY"), "kind");
        assertBad(http.get("/api/facilities?country=XX"), "country");
        assertBad(http.get("/api/lots?status=GONE&flagged=maybe"), "status", "flagged");
        assertBad(http.get("/api/lots?q=bad%20id"), "q");
        assertBad(http.get("/api/transfers?from=2027-01-01&to=2026-01-01"), "to");
        assertBad(http.get("/api/transfers?from=yesterday"), "from");
        assertBad(http.get("/api/lots?size=501"), "size");
        assertBad(http.get("/api/facilities?page=-1&size=0"), "page", "size");
    }

    @Test
    void lists_are_for_compliance_audit_and_admin() {
        assertThat(as(TestUsers.OPERATOR).get("/api/lots").status()).isEqualTo(403);
        assertThat(as(TestUsers.OPERATOR).get("/api/transfers").status()).isEqualTo(403);
        assertThat(as(TestUsers.AUDITOR).get("/api/facilities").status()).isEqualTo(200);
        assertThat(anonymous().get("/api/lots").status()).isEqualTo(401);
    }

    private static void assertBad(Http.Response response, String... fields) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        for (String field : fields) {
            assertNamesField(response, field);
        }
    }

    private static List<String> ids(Http.Response page, String field) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return page.json().path("items").findValuesAsString(field);
    }
}
