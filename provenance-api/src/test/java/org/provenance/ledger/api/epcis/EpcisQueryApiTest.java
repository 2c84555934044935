package org.provenance.ledger.api.epcis;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.EpcisFixture;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provenance.ledger.api.support.EpcisFixture.event;

/**
 * GET /epcis/events and the standard's per-resource and discovery resources (SPEC 11), one test per
 * query parameter with what it matches and what it refuses. Each test's events sit at a business
 * location of their own, so the tests share the ledger without seeing each other's events.
 */
class EpcisQueryApiTest extends ApiTest {

    @Autowired
    ApplicationEventPublisher publisher;

    EpcisFixture epcis;
    /** This test's own business location. */
    String site;

    @BeforeEach
    void fixture() {
        epcis = new EpcisFixture(jdbc, publisher);
        site = "urn:epc:id:sgln:" + (1_000_000 + (int) (Math.random() * 8_999_999)) + ".00001.0";
        http = as(TestUsers.COMPLIANCE);
    }

    private EpcisFixture.Event here() {
        return event().bizLocation(site);
    }

    /** The eventIDs a query answers, restricted to this test's site. */
    private List<String> ids(String... parameters) {
        Http.Response r = query(parameters);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return eventIds(r);
    }

    private Http.Response query(String... parameters) {
        List<String> all = new ArrayList<>(List.of(parameters));
        all.add("EQ_bizLocation");
        all.add(site);
        return http.get("/epcis/events?" + q(all.toArray(String[]::new)));
    }

    static List<String> eventIds(Http.Response r) {
        List<String> ids = new ArrayList<>();
        r.json().path("epcisBody").path("queryResults").path("resultsBody").path("eventList")
         .forEach(e -> ids.add(e.path("eventID").asString()));
        return ids;
    }

    static String q(String... nameValues) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < nameValues.length; i += 2) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(URLEncoder.encode(nameValues[i], StandardCharsets.UTF_8)).append('=')
               .append(URLEncoder.encode(nameValues[i + 1], StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    /** A 400 with the standard's QueryParameterException, naming the parameter. */
    static void assertQueryParameterException(Http.Response r, String parameter) {
        assertEpcisException(r, 400, "QueryParameterException");
        assertThat(r.text("detail")).startsWith(parameter + ":");
    }

    static void assertEpcisException(Http.Response r, int status, String exception) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.text("type")).isEqualTo("epcisException:" + exception);
        assertThat(r.json().path("status").asInt()).isEqualTo(status);
        assertThat(r.text("title")).isNotBlank();
    }

    @Test
    void the_answer_is_an_epcis_query_document_with_the_events_as_stored_and_the_version_headers() {
        EpcisFixture.Event shipped = here().epcs("urn:epc:id:sgtin:0614141.107346.2017").bizStep("shipping")
                                           .disposition("in_transit").readPoint("urn:epc:id:sgln:0614141.07346.1234");
        epcis.capture(shipped);

        Http.Response r = query();

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.header("GS1-EPCIS-Version")).isEqualTo("2.0.0");
        assertThat(r.header("GS1-CBV-Version")).isEqualTo("2.0.0");
        assertThat(r.header("Link")).isNull();
        JsonNode doc = r.json();
        assertThat(doc.path("@context").get(0).asString())
                .isEqualTo("https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld");
        assertThat(doc.path("type").asString()).isEqualTo("EPCISQueryDocument");
        assertThat(doc.path("schemaVersion").asString()).isEqualTo("2.0");
        assertThat(doc.path("creationDate").asString()).isNotBlank();
        JsonNode results = doc.path("epcisBody").path("queryResults");
        assertThat(results.path("queryName").asString()).isEqualTo("SimpleEventQuery");
        JsonNode stored = results.path("resultsBody").path("eventList").get(0);
        assertThat(stored.path("eventID").asString()).isEqualTo(shipped.eventId);
        assertThat(stored.path("bizStep").asString()).isEqualTo("shipping");
        assertThat(stored.path("epcList").get(0).asString()).isEqualTo("urn:epc:id:sgtin:0614141.107346.2017");
        assertThat(stored.path("recordTime").asString()).isNotBlank();
    }

    @Test
    void eventType_selects_the_types_named_and_refuses_an_unknown_type() {
        EpcisFixture.Event object = here();
        EpcisFixture.Event aggregation = here().type("AggregationEvent").action("ADD")
                                               .parentId("urn:epc:id:sscc:0614141.1234567890");
        EpcisFixture.Event transformation = here().type("TransformationEvent");
        epcis.capture(object, aggregation, transformation);

        assertThat(ids("eventType", "AggregationEvent")).containsExactly(aggregation.eventId);
        assertThat(ids("eventType", "ObjectEvent|TransformationEvent"))
                .containsExactlyInAnyOrder(object.eventId, transformation.eventId);
        assertThat(ids("eventType", "ObjectEvent", "eventType", "AggregationEvent"))
                .containsExactlyInAnyOrder(object.eventId, aggregation.eventId);
        assertQueryParameterException(query("eventType", "ShippingEvent"), "eventType");
    }

    @Test
    void GE_and_LT_eventTime_bound_the_event_time_and_refuse_a_time_without_offset() {
        EpcisFixture.Event early = here().eventTime("2026-01-10T00:00:00Z");
        EpcisFixture.Event late = here().eventTime("2026-02-10T00:00:00Z");
        epcis.capture(early, late);

        assertThat(ids("GE_eventTime", "2026-02-10T00:00:00Z")).containsExactly(late.eventId);
        assertThat(ids("LT_eventTime", "2026-02-10T00:00:00Z")).containsExactly(early.eventId);
        assertThat(ids("GE_eventTime", "2026-01-10T01:00:00+01:00", "LT_eventTime", "2026-01-10T00:00:00.001Z"))
                .containsExactly(early.eventId);
        assertQueryParameterException(query("GE_eventTime", "2026-02-10T00:00:00"), "GE_eventTime");
        assertQueryParameterException(query("LT_eventTime", "yesterday"), "LT_eventTime");
        assertQueryParameterException(query("GE_eventTime", "2026-01-01T00:00:00Z", "GE_eventTime",
                                            "2026-01-02T00:00:00Z"), "GE_eventTime");
    }

    @Test
    void GE_and_LT_recordTime_bound_the_record_time_and_refuse_a_bad_time() {
        EpcisFixture.Event first = here().recordTime("2026-03-01T00:00:00Z");
        EpcisFixture.Event second = here().recordTime("2026-03-02T00:00:00Z");
        epcis.capture(first, second);

        assertThat(ids("GE_recordTime", "2026-03-01T12:00:00Z")).containsExactly(second.eventId);
        assertThat(ids("LT_recordTime", "2026-03-01T12:00:00Z")).containsExactly(first.eventId);
        assertQueryParameterException(query("GE_recordTime", "2026-13-01T00:00:00Z"), "GE_recordTime");
        assertQueryParameterException(query("LT_recordTime", ""), "LT_recordTime");
    }

    @Test
    void EQ_action_selects_the_action_and_refuses_another_word() {
        EpcisFixture.Event added = here().action("ADD");
        EpcisFixture.Event observed = here().action("OBSERVE");
        epcis.capture(added, observed);

        assertThat(ids("EQ_action", "ADD")).containsExactly(added.eventId);
        assertThat(ids("EQ_action", "ADD|OBSERVE")).containsExactlyInAnyOrder(added.eventId, observed.eventId);
        assertThat(ids("EQ_action", "DELETE")).isEmpty();
        assertQueryParameterException(query("EQ_action", "SHIP"), "EQ_action");
    }

    @Test
    void EQ_bizStep_matches_the_bare_term_its_urn_and_its_web_uri_and_refuses_a_value_with_spaces() {
        EpcisFixture.Event shipping = here().bizStep("urn:epcglobal:cbv:bizstep:shipping");
        EpcisFixture.Event receiving = here().bizStep("receiving");
        EpcisFixture.Event own = here().bizStep("https://example.com/steps/weighing");
        epcis.capture(shipping, receiving, own);

        assertThat(ids("EQ_bizStep", "shipping")).containsExactly(shipping.eventId);
        assertThat(ids("EQ_bizStep", "https://ref.gs1.org/cbv/BizStep-shipping")).containsExactly(shipping.eventId);
        assertThat(ids("EQ_bizStep", "urn:epcglobal:cbv:bizstep:receiving")).containsExactly(receiving.eventId);
        assertThat(ids("EQ_bizStep", "https://example.com/steps/weighing")).containsExactly(own.eventId);
        assertQueryParameterException(query("EQ_bizStep", "ship ping"), "EQ_bizStep");
    }

    @Test
    void EQ_disposition_matches_any_cbv_form_and_refuses_an_empty_value() {
        EpcisFixture.Event transit = here().disposition("https://ref.gs1.org/cbv/Disp-in_transit");
        EpcisFixture.Event active = here().disposition("active");
        epcis.capture(transit, active);

        assertThat(ids("EQ_disposition", "in_transit")).containsExactly(transit.eventId);
        assertThat(ids("EQ_disposition", "urn:epcglobal:cbv:disp:active")).containsExactly(active.eventId);
        assertQueryParameterException(query("EQ_disposition", ""), "EQ_disposition");
    }

    @Test
    void EQ_readPoint_selects_the_read_point_and_refuses_a_value_that_is_no_uri() {
        EpcisFixture.Event dock = here().readPoint("urn:epc:id:sgln:0614141.00777.0");
        EpcisFixture.Event gate = here().readPoint("urn:epc:id:sgln:0614141.00888.0");
        epcis.capture(dock, gate);

        assertThat(ids("EQ_readPoint", "urn:epc:id:sgln:0614141.00777.0")).containsExactly(dock.eventId);
        assertThat(ids("EQ_readPoint", "urn:epc:id:sgln:0614141.00777.0|urn:epc:id:sgln:0614141.00888.0"))
                .containsExactlyInAnyOrder(dock.eventId, gate.eventId);
        assertQueryParameterException(query("EQ_readPoint", "dock 7"), "EQ_readPoint");
    }

    @Test
    void EQ_bizLocation_selects_the_business_location_and_refuses_a_value_that_is_no_uri() {
        EpcisFixture.Event mine = here();
        EpcisFixture.Event elsewhere = event().bizLocation(site.replace(".0", ".9"));
        epcis.capture(mine, elsewhere);

        assertThat(eventIds(http.get("/epcis/events?" + q("EQ_bizLocation", site)))).containsExactly(mine.eventId);
        assertQueryParameterException(http.get("/epcis/events?" + q("EQ_bizLocation", "warehouse")), "EQ_bizLocation");
    }

    @Test
    void MATCH_epc_matches_epcList_and_childEPCs_exactly_or_by_pattern_and_refuses_a_bad_pattern() {
        String product = "0614141." + (100000 + (int) (Math.random() * 899999));
        EpcisFixture.Event listed = here().epcs("urn:epc:id:sgtin:" + product + ".1");
        EpcisFixture.Event packed = here().type("AggregationEvent").action("ADD")
                                          .parentId("urn:epc:id:sscc:0614141.1234567890")
                                          .childEpcs("urn:epc:id:sgtin:" + product + ".2");
        EpcisFixture.Event consumed = here().type("TransformationEvent").inputEpcs("urn:epc:id:sgtin:" + product + ".3");
        epcis.capture(listed, packed, consumed);

        assertThat(ids("MATCH_epc", "urn:epc:id:sgtin:" + product + ".1")).containsExactly(listed.eventId);
        assertThat(ids("MATCH_epc", "urn:epc:idpat:sgtin:" + product + ".*"))
                .containsExactlyInAnyOrder(listed.eventId, packed.eventId);
        assertThat(ids("MATCH_epc", "urn:epc:id:sgtin:" + product + ".3")).isEmpty();
        assertThat(ids("MATCH_epc", "urn:epc:idpat:sgtin:0614141.*.*")).hasSize(2);
        assertQueryParameterException(query("MATCH_epc", "urn:epc:idpat:sgtin:0614141.1073*.*"), "MATCH_epc");
        assertQueryParameterException(query("MATCH_epc", "urn:epc:idpat:sgtin"), "MATCH_epc");
        assertQueryParameterException(query("MATCH_epc", "not an epc"), "MATCH_epc");
    }

    @Test
    void MATCH_anyEPC_matches_every_place_an_event_names_an_instance_and_refuses_a_bad_value() {
        String product = "0614141." + (100000 + (int) (Math.random() * 899999));
        EpcisFixture.Event listed = here().epcs("urn:epc:id:sgtin:" + product + ".1");
        EpcisFixture.Event input = here().type("TransformationEvent").inputEpcs("urn:epc:id:sgtin:" + product + ".2");
        EpcisFixture.Event output = here().type("TransformationEvent").outputEpcs("urn:epc:id:sgtin:" + product + ".3");
        EpcisFixture.Event parent = here().type("AggregationEvent").action("ADD")
                                          .parentId("urn:epc:id:sscc:" + product.replace(".", "") + "0");
        EpcisFixture.Event other = here().epcs("urn:epc:id:sgtin:0614141.999999.1");
        epcis.capture(listed, input, output, parent, other);

        assertThat(ids("MATCH_anyEPC", "urn:epc:idpat:sgtin:" + product + ".*"))
                .containsExactlyInAnyOrder(listed.eventId, input.eventId, output.eventId);
        assertThat(ids("MATCH_anyEPC", "urn:epc:id:sscc:" + product.replace(".", "") + "0"))
                .containsExactly(parent.eventId);
        assertThat(ids("MATCH_anyEPC", "urn:epc:id:sgtin:" + product + ".2|urn:epc:id:sgtin:" + product + ".3"))
                .containsExactlyInAnyOrder(input.eventId, output.eventId);
        assertQueryParameterException(query("MATCH_anyEPC", "urn:epc:idpat:sgtin:0614141..*"), "MATCH_anyEPC");
    }

    @Test
    void MATCH_inputEPC_and_MATCH_outputEPC_match_their_side_only_and_refuse_a_bad_value() {
        String product = "0614141." + (100000 + (int) (Math.random() * 899999));
        EpcisFixture.Event t = here().type("TransformationEvent").inputEpcs("urn:epc:id:sgtin:" + product + ".1")
                                     .outputEpcs("urn:epc:id:sgtin:" + product + ".2");
        epcis.capture(t);

        assertThat(ids("MATCH_inputEPC", "urn:epc:id:sgtin:" + product + ".1")).containsExactly(t.eventId);
        assertThat(ids("MATCH_inputEPC", "urn:epc:id:sgtin:" + product + ".2")).isEmpty();
        assertThat(ids("MATCH_outputEPC", "urn:epc:idpat:sgtin:" + product + ".*")).containsExactly(t.eventId);
        assertThat(ids("MATCH_outputEPC", "urn:epc:id:sgtin:" + product + ".1")).isEmpty();
        assertQueryParameterException(query("MATCH_inputEPC", ""), "MATCH_inputEPC");
        assertQueryParameterException(query("MATCH_outputEPC", "urn:epc:idpat:*"), "MATCH_outputEPC");
    }

    @Test
    void MATCH_epcClass_matches_quantity_lists_by_class_or_product_pattern_and_refuses_a_bad_value() {
        String product = "4012345." + (100000 + (int) (Math.random() * 899999));
        EpcisFixture.Event lot = here().quantity("urn:epc:class:lgtin:" + product + ".LOT-7");
        EpcisFixture.Event produced = here().type("TransformationEvent")
                                            .outputQuantity("urn:epc:class:lgtin:" + product + ".LOT-8");
        epcis.capture(lot, produced);

        assertThat(ids("MATCH_epcClass", "urn:epc:class:lgtin:" + product + ".LOT-7")).containsExactly(lot.eventId);
        assertThat(ids("MATCH_epcClass", "urn:epc:idpat:sgtin:" + product + ".*")).containsExactly(lot.eventId);
        assertThat(ids("MATCH_epcClass", "urn:epc:class:lgtin:" + product + ".LOT-8")).isEmpty();
        assertQueryParameterException(query("MATCH_epcClass", "LOT-7"), "MATCH_epcClass");
    }

    @Test
    void MATCH_anyEPCClass_matches_inputs_outputs_and_quantities_and_refuses_a_bad_value() {
        String product = "4012345." + (100000 + (int) (Math.random() * 899999));
        EpcisFixture.Event lot = here().quantity("urn:epc:class:lgtin:" + product + ".A");
        EpcisFixture.Event t = here().type("TransformationEvent").inputQuantity("urn:epc:class:lgtin:" + product + ".B")
                                     .outputQuantity("urn:epc:class:lgtin:" + product + ".C");
        epcis.capture(lot, t);

        assertThat(ids("MATCH_anyEPCClass", "urn:epc:idpat:sgtin:" + product + ".*"))
                .containsExactlyInAnyOrder(lot.eventId, t.eventId);
        assertThat(ids("MATCH_anyEPCClass", "urn:epc:class:lgtin:" + product + ".B")).containsExactly(t.eventId);
        assertThat(ids("MATCH_inputEPCClass", "urn:epc:class:lgtin:" + product + ".C")).isEmpty();
        assertThat(ids("MATCH_outputEPCClass", "urn:epc:class:lgtin:" + product + ".C")).containsExactly(t.eventId);
        assertQueryParameterException(query("MATCH_anyEPCClass", "urn:epc:idpat:lgtin:x.*y"), "MATCH_anyEPCClass");
    }

    @Test
    void EQ_eventID_selects_events_by_id_and_refuses_an_empty_id() {
        EpcisFixture.Event one = here();
        EpcisFixture.Event two = here();
        EpcisFixture.Event three = here();
        epcis.capture(one, two, three);

        assertThat(ids("EQ_eventID", one.eventId + "|" + three.eventId))
                .containsExactlyInAnyOrder(one.eventId, three.eventId);
        assertThat(ids("EQ_eventID", "urn:uuid:" + UUID.randomUUID())).isEmpty();
        assertQueryParameterException(query("EQ_eventID", one.eventId + "|"), "EQ_eventID");
    }

    @Test
    void EXISTS_errorDeclaration_selects_declared_errors_and_refuses_a_value() {
        EpcisFixture.Event wrong = here().errorDeclaration();
        EpcisFixture.Event right = here();
        epcis.capture(wrong, right);

        assertThat(ids("EXISTS_errorDeclaration", "")).containsExactly(wrong.eventId);
        assertThat(ids("EXISTS_errorDeclaration", "true")).containsExactly(wrong.eventId);
        assertQueryParameterException(query("EXISTS_errorDeclaration", "false"), "EXISTS_errorDeclaration");
    }

    @Test
    void an_unknown_parameter_is_a_query_parameter_exception() {
        assertQueryParameterException(query("EQ_bizstep", "shipping"), "EQ_bizstep");
        assertQueryParameterException(query("EQ_quantity", "5"), "EQ_quantity");
    }

    @Test
    void pages_follow_the_record_order_through_link_headers_and_tokens_are_bound_to_their_query() {
        List<String> captured = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            EpcisFixture.Event e = here().recordTime("2026-04-01T00:00:0" + i + "Z");
            epcis.capture(e);
            captured.add(e.eventId);
        }

        List<String> seen = new ArrayList<>();
        Http.Response page = query("perPage", "2");
        int pages = 1;
        while (true) {
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            seen.addAll(eventIds(page));
            String link = page.header("Link");
            if (link == null) {
                break;
            }
            assertThat(link).endsWith("; rel=\"next\"").contains("nextPageToken=").contains("perPage=2");
            String url = link.substring(1, link.indexOf('>'));
            page = http.get(url.substring(url.indexOf("/epcis/")));
            pages++;
        }
        assertThat(seen).containsExactlyElementsOf(captured);
        assertThat(pages).isEqualTo(3);

        String link = query("perPage", "2").header("Link");
        String token = java.net.URLDecoder.decode(link.substring(link.indexOf("nextPageToken=") + 14, link.indexOf('>')),
                                                  StandardCharsets.UTF_8).replaceAll("&.*", "");
        assertQueryParameterException(query("perPage", "2", "nextPageToken", token, "EQ_action", "ADD"), "nextPageToken");
        assertQueryParameterException(query("nextPageToken", "not-a-token"), "nextPageToken");
        assertQueryParameterException(query("perPage", "0"), "perPage");
        assertQueryParameterException(query("perPage", "ten"), "perPage");
        assertEpcisException(query("perPage", "1001"), 413, "QueryTooLargeException");
    }

    @Test
    void per_resource_event_lists_restrict_the_query_by_their_path() {
        EpcisFixture.Event shipped = here().bizStep("shipping").epcs("urn:epc:id:sgtin:0614141.555555.1");
        EpcisFixture.Event packed = here().type("AggregationEvent").action("ADD").bizStep("packing")
                                          .parentId("urn:epc:id:sscc:0614141.5555555555");
        epcis.capture(shipped, packed);
        String mine = "&" + q("EQ_bizLocation", site);

        assertThat(eventIds(http.get("/epcis/eventTypes/AggregationEvent/events?" + mine)))
                .containsExactly(packed.eventId);
        assertThat(eventIds(http.get("/epcis/bizSteps/shipping/events?" + mine))).containsExactly(shipped.eventId);
        assertThat(eventIds(http.get("/epcis/bizSteps/shipping/events?" + mine + "&EQ_bizStep=packing"))).isEmpty();
        assertThat(eventIds(http.get("/epcis/epcs/urn:epc:id:sgtin:0614141.555555.1/events?" + mine)))
                .containsExactly(shipped.eventId);
        assertThat(eventIds(http.get("/epcis/bizLocations/" + site + "/events"))).hasSize(2);
        assertEpcisException(http.get("/epcis/eventTypes/ShippingEvent/events"), 404, "NoSuchResourceException");
        assertQueryParameterException(http.get("/epcis/bizSteps/shipping/events?EQ_action=SHIP"), "EQ_action");
        Http.Response sub = http.get("/epcis/eventTypes/ObjectEvent");
        assertThat(sub.json().path("member").get(0).asString()).isEqualTo("events");
    }

    @Test
    void discovery_lists_the_values_present_in_stored_events_paged_by_value() {
        String step = "https://example.com/steps/" + UUID.randomUUID();
        epcis.capture(here().bizStep(step).readPoint(site + "1"));

        Http.Response types = http.get("/epcis/eventTypes");
        assertThat(types.status()).isEqualTo(200);
        assertThat(types.json().path("type").asString()).isEqualTo("Collection");
        assertThat(types.json().path("member").toString()).contains("ObjectEvent", "TransformationEvent");
        assertThat(collect("/epcis/bizSteps")).contains(step);
        assertThat(collect("/epcis/bizLocations")).contains(site);
        assertThat(collect("/epcis/readPoints")).contains(site + "1");
        assertQueryParameterException(http.get("/epcis/bizSteps?EQ_action=ADD"), "EQ_action");
    }

    /** Every value of a discovery resource, following its pages of 2. */
    private List<String> collect(String resource) {
        List<String> values = new ArrayList<>();
        Http.Response page = http.get(resource + "?perPage=2");
        while (true) {
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.json().path("member").size()).isLessThanOrEqualTo(2);
            page.json().path("member").forEach(v -> values.add(v.asString()));
            String link = page.header("Link");
            if (link == null) {
                return values;
            }
            String url = link.substring(1, link.indexOf('>'));
            page = http.get(url.substring(url.indexOf("/epcis/")));
        }
    }

    @Test
    void queries_are_for_compliance_and_auditors() {
        assertThat(as(TestUsers.AUDITOR).get("/epcis/events?perPage=1").status()).isEqualTo(200);
        assertThat(as(TestUsers.OPERATOR).get("/epcis/events?perPage=1").status()).isEqualTo(403);
        assertThat(as(TestUsers.ADMIN).get("/epcis/bizSteps").status()).isEqualTo(403);
        assertThat(anonymous().get("/epcis/events").status()).isEqualTo(401);
    }
}
