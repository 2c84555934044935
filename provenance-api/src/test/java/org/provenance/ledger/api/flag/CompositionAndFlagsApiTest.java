package org.provenance.ledger.api.flag;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.TestUsers;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC 3 and 4 scenarios over HTTP, with exact expected shares. */
class CompositionAndFlagsApiTest extends ApiTest {

    @BeforeEach
    void bloc() {
        homeBloc();
    }

    @Test
    void blended_ore_with_non_bloc_origin_is_flagged_with_the_exact_share_and_its_mine() {
        String auMine = facility("MINE", "AU");
        String mmMine = facility("MINE", "MM");
        String separator = facility("PROCESSOR", "EE");
        String buyer = facility("BUYER", "US");
        String au = extract(auMine, "700");
        String mm = extract(mmMine, "300");
        transfer(id("T"), au, auMine, separator);
        transfer(id("T"), mm, mmMine, separator);
        String oxide = transform(separator, "SEPARATION", "1000", au, "700", mm, "300");
        String sale = id("SALE");

        assertThat(transfer(sale, oxide, separator, buyer).status()).isEqualTo(201);

        List<JsonNode> flags = flags(sale);
        assertThat(flags).extracting(f -> f.path("type").asString()).containsExactly("NON_BLOC_ORIGIN");
        JsonNode flag = flags.get(0);
        assertThat(flag.path("id").asString()).isEqualTo(sale + ":NON_BLOC_ORIGIN");
        assertThat(flag.path("share").decimalValue()).isEqualByComparingTo("0.3");
        assertThat(flag.path("status").asString()).isEqualTo("OPEN");
        assertThat(flag.path("subject").path("kind").asString()).isEqualTo("TRANSFER");
        assertThat(flag.path("evidence")).hasSize(1);
        assertThat(flag.path("evidence").get(0).path("facilityId").asString()).isEqualTo(mmMine);
        assertThat(flag.path("evidence").get(0).path("country").asString()).isEqualTo("MM");
        assertThat(flag.path("evidence").get(0).path("stage").asString()).isEqualTo("MINING");
        assertThat(flag.path("evidence").get(0).path("lotId").asString()).isEqualTo(mm);

        Http.Response lot = http.get("/api/lots/" + oxide);
        assertThat(lot.json().path("composition")).hasSize(2);
        JsonNode first = lot.json().path("composition").get(0);
        assertThat(first.path("origin").asString()).isEqualTo("AU");
        assertThat(first.path("share").decimalValue()).isEqualByComparingTo("0.7");
        assertThat(first.path("stages").path("MINING").get(0).asString()).isEqualTo("AU");
        assertThat(first.path("stages").path("SEPARATION").get(0).asString()).isEqualTo("EE");
        JsonNode exposure = lot.json().path("exposure");
        assertThat(exposure.path("blocId").asString()).isEqualTo(HOME_BLOC);
        assertThat(exposure.path("nonBlocOriginShare").decimalValue()).isEqualByComparingTo("0.3");
        assertThat(exposure.path("nonBlocProcessingShare").decimalValue()).isZero();
        assertThat(exposure.path("nonBlocControlShare").decimalValue()).isZero();
        assertThat(exposure.path("unknownShare").decimalValue()).isZero();
    }

    @Test
    void output_above_input_is_a_mass_balance_violation_and_an_unknown_share_downstream() {
        String mine = facility("MINE", "AU");
        String separator = facility("PROCESSOR", "EE");
        String buyer = facility("BUYER", "US");
        String ore = extract(mine, "100");
        transfer(id("T"), ore, mine, separator);
        Http.Response transformation = http.post("/api/transformations", """
                {"id": "%s", "facilityId": "%s", "stage": "SEPARATION",
                 "inputs": [{"lotId": "%s", "massKg": 100}],
                 "outputs": [{"lotId": "%s", "mineral": "REE", "form": "oxide", "massKg": 120}]}"""
                .formatted(id("X"), separator, ore, id("OUT")));
        String transformationId = transformation.text("id");
        String oxide = http.get("/api/lots/" + ore).json().path("childLotIds").get(0).asString();
        String sale = id("SALE");
        transfer(sale, oxide, separator, buyer);

        BigDecimal sixth = BigDecimal.ONE.divide(new BigDecimal(6), MathContext.DECIMAL128);
        Http.Response violation = http.get("/api/flags/" + transformationId + ":MASS_BALANCE_VIOLATION");
        assertThat(violation.status()).isEqualTo(200);
        assertThat(violation.json().path("subject").path("kind").asString()).isEqualTo("TRANSFORMATION");
        assertThat(violation.json().path("subject").path("id").asString()).isEqualTo(transformationId);
        assertThat(violation.json().path("share").decimalValue().subtract(sixth).abs()).isLessThan(new BigDecimal("1e-30"));
        assertThat(violation.json().path("evidence").get(0).path("facilityId").asString()).isEqualTo(separator);

        List<JsonNode> flags = flags(sale);
        assertThat(flags).extracting(f -> f.path("type").asString()).containsExactly("UNKNOWN_ORIGIN");
        assertThat(flags.get(0).path("share").decimalValue().subtract(sixth).abs()).isLessThan(new BigDecimal("1e-30"));
        assertThat(flags.get(0).path("evidence").get(0).path("facilityId").asString()).isEqualTo(separator);
    }

    @Test
    void a_sale_below_the_floor_in_force_is_flagged() {
        String mine = facility("MINE", "AU");
        String buyer = facility("BUYER", "US");
        // A form of its own, so floors set by other tests do not apply.
        String form = "ore-" + id("F").substring(2);
        Http.Response floor = http.put("/api/blocs/" + HOME_BLOC + "/price-floors/REE/" + form, """
                {"currency": "USD", "pricePerKg": 12.50, "effectiveFrom": "2026-01-01T00:00:00Z"}""");
        assertThat(floor.status()).as(floor.body()).isEqualTo(201);
        String cheap = lotOf(mine, form);
        String fair = lotOf(mine, form);
        String euro = lotOf(mine, form);
        String cheapSale = id("T");
        String fairSale = id("T");
        String euroSale = id("T");

        sell(cheapSale, cheap, mine, buyer, "12.49", "USD");
        sell(fairSale, fair, mine, buyer, "12.5", "USD");
        sell(euroSale, euro, mine, buyer, "1", "EUR");

        List<JsonNode> flags = flags(cheapSale);
        assertThat(flags).extracting(f -> f.path("type").asString()).containsExactly("PRICE_BELOW_FLOOR");
        assertThat(flags.get(0).path("detail").asString()).contains("12.49", "12.5", "USD");
        assertThat(flags(fairSale)).isEmpty();
        assertThat(flags(euroSale)).as("no EUR floor is set").isEmpty();
    }

    @Test
    void processing_in_a_country_that_left_the_bloc_before_the_sale_is_flagged() {
        assertThat(http.put("/api/blocs/" + HOME_BLOC + "/members/PL", """
                {"effectiveFrom": "2020-01-01T00:00:00Z"}""").status()).isEqualTo(201);
        Http.Response left = http.delete("/api/blocs/" + HOME_BLOC + "/members/PL", """
                {"effectiveFrom": "2026-06-01T00:00:00Z"}""");
        assertThat(left.status()).as(left.body()).isEqualTo(201);
        String mine = facility("MINE", "AU");
        String refinery = facility("PROCESSOR", "PL");
        String buyer = facility("BUYER", "US");
        String ore = extract(mine, "50");
        transfer(id("T"), ore, mine, refinery);
        String metal = transform(refinery, "REFINING", "50", ore, "50");
        String sale = id("SALE");

        transfer(sale, metal, refinery, buyer);

        List<JsonNode> flags = flags(sale);
        assertThat(flags).extracting(f -> f.path("type").asString()).containsExactly("NON_BLOC_PROCESSING");
        assertThat(flags.get(0).path("share").decimalValue()).isEqualByComparingTo("1");
        assertThat(flags.get(0).path("evidence").get(0).path("facilityId").asString()).isEqualTo(refinery);
        assertThat(flags.get(0).path("evidence").get(0).path("stage").asString()).isEqualTo("REFINING");
    }

    @Test
    void a_facility_in_a_member_country_controlled_from_outside_is_flagged() {
        String mine = facility("MINE", "AU", "CN");
        String buyer = facility("BUYER", "US");
        String ore = extract(mine, "10");
        String sale = id("SALE");

        transfer(sale, ore, mine, buyer);

        List<JsonNode> flags = flags(sale);
        assertThat(flags).extracting(f -> f.path("type").asString()).containsExactly("NON_BLOC_CONTROL");
        assertThat(flags.get(0).path("share").decimalValue()).isEqualByComparingTo("1");
        JsonNode evidence = flags.get(0).path("evidence").get(0);
        assertThat(evidence.path("facilityId").asString()).isEqualTo(mine);
        // Where the mine is and where its owner is: a reader must not take the owner's country for the location.
        assertThat(evidence.path("country").asString()).isEqualTo("AU");
        assertThat(evidence.path("ownerCountry").asString()).isEqualTo("CN");
        // The procurement check tells the same story in the same words.
        JsonNode check = http.get("/api/lots/" + ore + "/checks/BLOC_ORIGIN").json();
        assertThat(check.path("evidence").findValuesAsString("country")).contains("AU");
        assertThat(check.path("evidence").findValuesAsString("ownerCountry")).contains("CN");
    }

    @Test
    void a_sale_to_a_buyer_outside_the_bloc_is_not_a_purchase() {
        String mine = facility("MINE", "MM");
        String buyer = facility("BUYER", "SG");
        String sale = id("SALE");

        transfer(sale, extract(mine, "5"), mine, buyer);

        assertThat(flags(sale)).isEmpty();
    }

    @Test
    void undeclared_registered_material_is_unknown_origin() {
        String trader = facility("TRADER", "DE");
        String buyer = facility("BUYER", "US");
        String lotId = id("LOT");
        http.post("/api/lots/registrations", """
                {"lotId": "%s", "custodianId": "%s", "mineral": "Ga", "form": "metal", "massKg": 4}"""
                .formatted(lotId, trader));
        String sale = id("SALE");

        transfer(sale, lotId, trader, buyer);

        List<JsonNode> flags = flags(sale);
        assertThat(flags).extracting(f -> f.path("type").asString()).containsExactly("UNKNOWN_ORIGIN");
        assertThat(flags.get(0).path("evidence").get(0).path("stage").asString()).isEqualTo("UNDECLARED_ORIGIN");
        assertThat(http.get("/api/lots/" + lotId).json().path("composition").get(0).path("origin").asString())
                .isEqualTo("UNKNOWN");
    }

    @Test
    void a_review_changes_the_flag_status_and_is_an_event() {
        String mine = facility("MINE", "CN");
        String buyer = facility("BUYER", "US");
        String sale = id("SALE");
        transfer(sale, extract(mine, "5"), mine, buyer);
        String flagId = sale + ":NON_BLOC_ORIGIN";
        long events = eventCount();

        Http.Response reviewed = http.post("/api/flags/" + flagId + "/reviews", """
                {"decision": "CONFIRMED", "note": "Chinese ore sold as bloc material"}""");

        assertThat(reviewed.status()).as(reviewed.body()).isEqualTo(201);
        assertThat(eventCount()).isEqualTo(events + 1);
        JsonNode flag = http.get("/api/flags/" + flagId).json();
        assertThat(flag.path("status").asString()).isEqualTo("CONFIRMED");
        assertThat(flag.path("review").path("decision").asString()).isEqualTo("CONFIRMED");
        assertThat(flag.path("review").path("note").asString()).isEqualTo("Chinese ore sold as bloc material");
        assertThat(flag.path("review").path("principal").asString()).isEqualTo(TestUsers.TESTER.principal());
        assertThat(flag.path("reviews")).hasSize(1);
        assertThat(flag.path("reviews").get(0)).isEqualTo(flag.path("review"));

        // The same review again is the same write; a bad decision or an unknown flag is refused.
        assertThat(http.post("/api/flags/" + flagId + "/reviews", """
                {"decision": "CONFIRMED", "note": "Chinese ore sold as bloc material"}""").json())
                .isEqualTo(reviewed.json());
        assertThat(eventCount()).isEqualTo(events + 1);
        Http.Response bad = http.post("/api/flags/" + flagId + "/reviews", """
                {"decision": "MAYBE", "note": "x"}""");
        assertProblem(bad, 400, "malformed-request");
        assertNamesField(bad, "decision");
        Http.Response noNote = http.post("/api/flags/" + flagId + "/reviews", """
                {"decision": "FALSE_POSITIVE", "note": " "}""");
        assertProblem(noNote, 400, "invalid-command");
        assertNamesField(noNote, "note");
        assertProblem(http.post("/api/flags/" + id("NOPE") + "/reviews", """
                {"decision": "CONFIRMED", "note": "x"}"""), 404, "not-found");
        assertThat(eventCount()).isEqualTo(events + 1);
    }

    @Test
    void every_review_is_kept_oldest_first_and_the_latest_decides_the_status() {
        String mine = facility("MINE", "CN");
        String buyer = facility("BUYER", "US");
        String sale = id("SALE");
        transfer(sale, extract(mine, "5"), mine, buyer);
        String flagId = sale + ":NON_BLOC_ORIGIN";

        assertThat(http.post("/api/flags/" + flagId + "/reviews", """
                {"decision": "FALSE_POSITIVE", "note": "the mine is in Laos, not China"}""").status()).isEqualTo(201);
        assertThat(as(TestUsers.COMPLIANCE).post("/api/flags/" + flagId + "/reviews", """
                {"decision": "CONFIRMED", "note": "survey says China"}""").status()).isEqualTo(201);

        JsonNode flag = http.get("/api/flags/" + flagId).json();
        assertThat(flag.path("status").asString()).isEqualTo("CONFIRMED");
        JsonNode reviews = flag.path("reviews");
        assertThat(reviews).hasSize(2);
        assertThat(reviews.get(0).path("decision").asString()).isEqualTo("FALSE_POSITIVE");
        assertThat(reviews.get(0).path("note").asString()).isEqualTo("the mine is in Laos, not China");
        assertThat(reviews.get(0).path("principal").asString()).isEqualTo(TestUsers.TESTER.principal());
        assertThat(reviews.get(1).path("decision").asString()).isEqualTo("CONFIRMED");
        assertThat(reviews.get(1).path("principal").asString()).isEqualTo(TestUsers.COMPLIANCE.principal());
        assertThat(Instant.parse(reviews.get(0).path("recordedAt").asString()))
                .isBeforeOrEqualTo(Instant.parse(reviews.get(1).path("recordedAt").asString()));
        assertThat(flag.path("review")).isEqualTo(reviews.get(1));
        // Lists and the transfer show the same history.
        JsonNode listed = http.get("/api/flags?facilityId=" + buyer).json().path("items").get(0);
        assertThat(listed.path("reviews")).isEqualTo(reviews);
        assertThat(flags(sale).get(0).path("reviews")).isEqualTo(reviews);

        // A later review overrides an earlier decision; the earlier one stays in the history.
        assertThat(http.post("/api/flags/" + flagId + "/reviews", """
                {"decision": "ACCEPTED_RISK", "note": "contract predates the bloc"}""").status()).isEqualTo(201);
        JsonNode again = http.get("/api/flags/" + flagId).json();
        assertThat(again.path("status").asString()).isEqualTo("ACCEPTED_RISK");
        assertThat(again.path("reviews")).hasSize(3);
        assertThat(again.path("reviews").get(0)).isEqualTo(reviews.get(0));
    }

    @Test
    void flags_are_filtered_by_status_type_and_facility_and_paged() {
        String mine = facility("MINE", "CN", "RU");
        String buyer = facility("BUYER", "US");
        for (int i = 0; i < 3; i++) {
            transfer(id("SALE"), extract(mine, "1"), mine, buyer);
        }

        Http.Response byFacility = http.get("/api/flags?facilityId=" + buyer + "&size=2&page=0");
        assertThat(byFacility.status()).isEqualTo(200);
        assertThat(byFacility.json().path("total").asLong()).isEqualTo(6); // origin + control per sale
        assertThat(byFacility.json().path("items")).hasSize(2);
        assertThat(byFacility.json().path("page").asInt()).isZero();
        assertThat(byFacility.json().path("size").asInt()).isEqualTo(2);
        Http.Response lastPage = http.get("/api/flags?facilityId=" + buyer + "&size=4&page=1");
        assertThat(lastPage.json().path("items")).hasSize(2);
        Http.Response byType = http.get("/api/flags?facilityId=" + mine + "&type=NON_BLOC_CONTROL&status=OPEN");
        assertThat(byType.json().path("total").asLong()).isEqualTo(3);
        byType.json().path("items").forEach(f -> assertThat(f.path("type").asString()).isEqualTo("NON_BLOC_CONTROL"));

        Http.Response bad = http.get("/api/flags?status=CLOSED&type=ODD&size=0");
        assertProblem(bad, 400, "invalid-command");
        assertNamesField(bad, "status");
        assertNamesField(bad, "type");
        assertNamesField(bad, "size");
    }

    @Test
    void bloc_membership_rules_are_enforced() {
        String bloc = id("BLOC");
        assertThat(http.post("/api/blocs", "{\"id\": \"" + bloc + "\", \"name\": \"Minerals club\"}").status())
                .isEqualTo(201);
        assertThat(http.put("/api/blocs/" + bloc + "/members/FR", "{\"effectiveFrom\": \"2026-01-01T00:00:00Z\"}")
                       .status()).isEqualTo(201);
        long events = eventCount();

        assertProblem(http.put("/api/blocs/" + bloc + "/members/FR", "{\"effectiveFrom\": \"2026-02-01T00:00:00Z\"}"),
                      409, "already-member");
        assertProblem(http.delete("/api/blocs/" + bloc + "/members/IT", "{\"effectiveFrom\": \"2026-02-01T00:00:00Z\"}"),
                      409, "not-a-member");
        assertProblem(http.delete("/api/blocs/" + bloc + "/members/FR", "{\"effectiveFrom\": \"2025-02-01T00:00:00Z\"}"),
                      409, "out-of-order");
        Http.Response badCountry = http.put("/api/blocs/" + bloc + "/members/XX", "{\"effectiveFrom\": \"2026-01-01T00:00:00Z\"}");
        assertProblem(badCountry, 400, "invalid-command");
        assertNamesField(badCountry, "country");
        assertProblem(http.put("/api/blocs/" + id("NOPE") + "/members/FR", "{\"effectiveFrom\": \"2026-01-01T00:00:00Z\"}"),
                      404, "not-found");
        Http.Response badFloor = http.put("/api/blocs/" + bloc + "/price-floors/REE/oxide",
                                          "{\"currency\": \"usd\", \"pricePerKg\": -1}");
        assertProblem(badFloor, 400, "invalid-command");
        assertNamesField(badFloor, "currency");
        assertNamesField(badFloor, "pricePerKg");
        assertNamesField(badFloor, "effectiveFrom");
        assertThat(eventCount()).isEqualTo(events);

        JsonNode read = http.get("/api/blocs/" + bloc).json();
        assertThat(read.path("members")).hasSize(1);
        assertThat(read.path("members").get(0).path("country").asString()).isEqualTo("FR");
    }

    private String lotOf(String mine, String form) {
        String lotId = id("LOT");
        Http.Response r = http.post("/api/lots/extractions", """
                {"lotId": "%s", "mineId": "%s", "mineral": "REE", "form": "%s", "massKg": 1}"""
                .formatted(lotId, mine, form));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return lotId;
    }

    private void sell(String transferId, String lotId, String from, String to, String price, String currency) {
        Http.Response r = http.post("/api/transfers", """
                {"id": "%s", "lotId": "%s", "fromFacilityId": "%s", "toFacilityId": "%s",
                 "unitPrice": {"amount": %s, "currency": "%s"}}""".formatted(transferId, lotId, from, to, price, currency));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private List<JsonNode> flags(String transferId) {
        Http.Response transfer = http.get("/api/transfers/" + transferId);
        assertThat(transfer.status()).as(transfer.body()).isEqualTo(200);
        List<JsonNode> flags = new ArrayList<>();
        transfer.json().path("flags").forEach(flags::add);
        return flags;
    }
}
