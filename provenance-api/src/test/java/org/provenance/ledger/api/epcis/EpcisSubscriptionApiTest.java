package org.provenance.ledger.api.epcis;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Await;
import org.provenance.ledger.api.support.EpcisFixture;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.TestUsers;
import org.provenance.ledger.api.support.WebhookReceiver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provenance.ledger.api.epcis.EpcisQueryApiTest.assertEpcisException;
import static org.provenance.ledger.api.epcis.EpcisQueryApiTest.eventIds;
import static org.provenance.ledger.api.support.EpcisFixture.event;

/**
 * Named queries and webhook subscriptions (SPEC 11, openapi.yaml "Queries" and "Subscriptions"):
 * a receiver on loopback gets the matching events of each capture, signed, retried while it fails,
 * and nothing once unsubscribed.
 */
class EpcisSubscriptionApiTest extends ApiTest {

    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ApplicationEventPublisher publisher;

    EpcisFixture epcis;
    WebhookReceiver receiver;
    String site;
    String queryName;

    @BeforeEach
    void setUp() {
        epcis = new EpcisFixture(jdbc, publisher);
        receiver = new WebhookReceiver();
        site = "urn:epc:id:sgln:" + (1_000_000 + (int) (Math.random() * 8_999_999)) + ".00002.0";
        queryName = "shipments-" + UUID.randomUUID().toString().substring(0, 8);
        http = as(TestUsers.COMPLIANCE);
        Http.Response created = http.post("/epcis/queries", """
                {"name": "%s", "query": {"EQ_bizLocation": ["%s"], "EQ_bizStep": ["shipping"]}}"""
                .formatted(queryName, site));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    private String subscribe(String dest, String token) {
        Http.Response r = http.post("/epcis/queries/" + queryName + "/subscriptions", """
                {"dest": "%s", "signatureToken": "%s", "stream": true}""".formatted(dest, token));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.text("subscriptionID");
        assertThat(r.header("Location")).isEqualTo("/epcis/queries/" + queryName + "/subscriptions/" + id);
        return id;
    }

    private long deliveries(String subscriptionId) {
        return jdbc.sql("select count(*) from webhook_delivery where target_id = ?").param(subscriptionId)
                   .query(Long.class).single();
    }

    static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static List<String> eventList(WebhookReceiver.Received received) {
        List<String> ids = new java.util.ArrayList<>();
        JSON.readTree(received.body()).path("epcisBody").path("queryResults").path("resultsBody").path("eventList")
            .forEach(e -> ids.add(e.path("eventID").asString()));
        return ids;
    }

    @Test
    void a_subscription_receives_the_matching_events_of_each_capture_signed_and_not_the_others() throws Exception {
        String token = "13df38d8275b13f05704629e5f1cf3d45d6132d5";
        String subscription = subscribe(receiver.url("/callback"), token);
        EpcisFixture.Event shipped = event().bizLocation(site).bizStep("shipping");
        EpcisFixture.Event received = event().bizLocation(site).bizStep("receiving");
        EpcisFixture.Event elsewhere = event().bizLocation(site.replace(".0", ".5")).bizStep("shipping");

        epcis.capture(shipped, received, elsewhere);
        Await.until("the first delivery", DELIVERY, () -> receiver.received().size() >= 1);

        WebhookReceiver.Received first = receiver.received().get(0);
        assertThat(first.path()).isEqualTo("/callback");
        assertThat(first.header("Content-Type")).startsWith("application/json");
        assertThat(first.header("GS1-Signature")).isEqualTo(hmac(token, first.body()));
        assertThat(first.header("GS1-Signature")).isNotEqualTo(hmac("another token", first.body()));
        assertThat(first.header("Ledger-Delivery-Id")).isNotBlank();
        JsonNode document = JSON.readTree(first.body());
        assertThat(document.path("type").asString()).isEqualTo("EPCISQueryDocument");
        assertThat(document.path("epcisBody").path("queryResults").path("queryName").asString()).isEqualTo(queryName);
        assertThat(document.path("epcisBody").path("queryResults").path("subscriptionID").asString())
                .isEqualTo(subscription);
        assertThat(eventList(first)).containsExactly(shipped.eventId);

        // a capture with nothing matching queues nothing; the next matching one is the second delivery
        epcis.capture(event().bizLocation(site).bizStep("receiving"));
        EpcisFixture.Event later = event().bizLocation(site).bizStep("urn:epcglobal:cbv:bizstep:shipping");
        epcis.capture(later);
        Await.until("the second delivery", DELIVERY, () -> receiver.received().size() >= 2);
        assertThat(eventList(receiver.received().get(1))).containsExactly(later.eventId);
        assertThat(deliveries(subscription)).isEqualTo(2);

        Http.Response shown = http.get("/epcis/queries/" + queryName + "/subscriptions/" + subscription);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.text("dest")).isEqualTo(receiver.url("/callback"));
        assertThat(shown.body()).doesNotContain(token);
        Await.until("lastNotifiedAt is recorded", DELIVERY, () -> http.get("/epcis/queries/" + queryName
                + "/subscriptions/" + subscription).text("lastNotifiedAt") != null);
    }

    @Test
    void a_receiver_that_fails_gets_the_same_delivery_again_until_it_answers_2xx() {
        receiver.failFirst(2);
        String subscription = subscribe(receiver.url("/flaky"), "a-token-of-the-client");
        EpcisFixture.Event shipped = event().bizLocation(site).bizStep("shipping");

        epcis.capture(shipped);
        Await.until("three attempts", DELIVERY, () -> receiver.received().size() >= 3);
        Await.until("the delivery is recorded as delivered", DELIVERY, () -> jdbc.sql(
                "select count(*) from webhook_delivery where target_id = ? and delivered_at is not null")
                .param(subscription).query(Long.class).single() == 1);

        List<WebhookReceiver.Received> attempts = receiver.received();
        assertThat(attempts).extracting(r -> r.header("Ledger-Delivery-Id")).containsOnly(
                attempts.get(0).header("Ledger-Delivery-Id"));
        assertThat(attempts).extracting(WebhookReceiver.Received::text).containsOnly(attempts.get(0).text());
        assertThat(eventList(attempts.get(0))).containsExactly(shipped.eventId);
        assertThat(jdbc.sql("select attempts from webhook_delivery where target_id = ?").param(subscription)
                       .query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void a_delivery_left_claimed_by_a_process_that_stopped_is_sent_once_its_lease_has_run_out() {
        String subscription = subscribe(receiver.url("/after-restart"), "token-after-restart");
        // what a crash mid-send leaves: a row claimed (attempt under way) whose lease ran out
        jdbc.sql("""
                insert into webhook_delivery (target_kind, target_id, body, attempts, next_attempt_at, created_at)
                values ('EPCIS_SUBSCRIPTION', ?, '{"left": "over"}', 1, now() - interval '1 second',
                        now() - interval '2 minutes')""").param(subscription).update();

        Await.until("the left-over delivery arrives", DELIVERY, () -> receiver.received().size() >= 1);

        assertThat(receiver.received().get(0).text()).isEqualTo("{\"left\": \"over\"}");
        Await.until("it is recorded as delivered", DELIVERY, () -> jdbc.sql(
                "select count(*) from webhook_delivery where target_id = ? and delivered_at is not null")
                .param(subscription).query(Long.class).single() == 1);
    }

    @Test
    void a_deleted_subscription_receives_nothing_more() {
        WebhookReceiver other = new WebhookReceiver();
        try {
            String gone = subscribe(receiver.url("/gone"), "token-one");
            subscribe(other.url("/kept"), "token-two");
            Http.Response deleted = http.delete("/epcis/queries/" + queryName + "/subscriptions/" + gone, "");
            assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
            assertEpcisException(http.get("/epcis/queries/" + queryName + "/subscriptions/" + gone), 404,
                                 "NoSuchResourceException");

            EpcisFixture.Event shipped = event().bizLocation(site).bizStep("shipping");
            epcis.capture(shipped);
            Await.until("the remaining subscription's delivery", DELIVERY, () -> other.received().size() >= 1);

            assertThat(eventList(other.received().get(0))).containsExactly(shipped.eventId);
            assertThat(receiver.received()).isEmpty();
            assertThat(deliveries(gone)).isZero();
        } finally {
            other.close();
        }
    }

    @Test
    void named_queries_are_created_listed_queried_and_deleted_as_the_standard_defines() {
        EpcisFixture.Event shipped = event().bizLocation(site).bizStep("shipping");
        epcis.capture(shipped, event().bizLocation(site).bizStep("receiving"));

        Http.Response definition = http.get("/epcis/queries/" + queryName);
        assertThat(definition.status()).isEqualTo(200);
        assertThat(definition.json().path("query").path("EQ_bizStep").get(0).asString()).isEqualTo("shipping");
        Http.Response results = http.get("/epcis/queries/" + queryName + "/events");
        assertThat(results.status()).as(results.body()).isEqualTo(200);
        assertThat(results.json().path("epcisBody").path("queryResults").path("queryName").asString())
                .isEqualTo(queryName);
        assertThat(eventIds(results)).containsExactly(shipped.eventId);
        assertThat(as(TestUsers.AUDITOR).get("/epcis/queries?perPage=1000").body()).contains(queryName);

        assertEpcisException(http.post("/epcis/queries", """
                {"name": "%s", "query": {}}""".formatted(queryName)), 409, "ResourceAlreadyExistsException");
        assertEpcisException(http.post("/epcis/queries", """
                {"name": "bad-%s", "query": {"EQ_action": ["SHIP"]}}""".formatted(queryName)), 400,
                             "QueryParameterException");
        assertEpcisException(http.post("/epcis/queries", """
                {"name": "bad-%s", "query": {"EQ_unknown": ["x"]}}""".formatted(queryName)), 400,
                             "QueryParameterException");
        assertEpcisException(http.post("/epcis/queries", """
                {"name": "has space", "query": {}}"""), 400, "ValidationException");
        assertEpcisException(http.post("/epcis/queries", """
                {"name": "x-%s", "query": {}, "extra": 1}""".formatted(queryName)), 400, "ValidationException");

        assertThat(http.delete("/epcis/queries/" + queryName, "").status()).isEqualTo(204);
        assertEpcisException(http.get("/epcis/queries/" + queryName), 404, "NoSuchResourceException");
        assertEpcisException(http.get("/epcis/queries/" + queryName + "/events"), 404, "NoSuchResourceException");
    }

    @Test
    void a_subscription_request_is_refused_with_subscription_controls_exception_when_it_cannot_be_honoured() {
        String subscriptions = "/epcis/queries/" + queryName + "/subscriptions";
        assertEpcisException(http.post(subscriptions, """
                {"dest": "ftp://client.example.com/x", "stream": true}"""), 400, "SubscriptionControlsException");
        assertEpcisException(http.post(subscriptions, """
                {"dest": "%s"}""".formatted(receiver.url("/x"))), 400, "SubscriptionControlsException");
        assertEpcisException(http.post(subscriptions, """
                {"dest": "%s", "schedule": {"hour": "1", "minute": "5"}}""".formatted(receiver.url("/x"))), 400,
                             "SubscriptionControlsException");
        assertEpcisException(http.post(subscriptions, """
                {"dest": "%s", "stream": true, "secret": "x"}""".formatted(receiver.url("/x"))), 400,
                             "SubscriptionControlsException");
        assertEpcisException(http.post(subscriptions, """
                {"dest": "http://169.254.169.254/latest/meta-data", "stream": true}"""), 400,
                             "SubscriptionControlsException");
        assertEpcisException(http.post("/epcis/queries/no-such-query/subscriptions", """
                {"dest": "%s", "stream": true}""".formatted(receiver.url("/x"))), 404, "NoSuchResourceException");
        assertThat(jdbc.sql("select count(*) from epcis_subscription where query_name = ?").param(queryName)
                       .query(Long.class).single()).isZero();
    }

    @Test
    void compliance_subscribes_auditors_read() {
        String subscriptions = "/epcis/queries/" + queryName + "/subscriptions";
        String body = """
                {"dest": "%s", "stream": true}""".formatted(receiver.url("/x"));
        assertThat(as(TestUsers.AUDITOR).post(subscriptions, body).status()).isEqualTo(403);
        assertThat(as(TestUsers.OPERATOR).get(subscriptions).status()).isEqualTo(403);
        String id = subscribe(receiver.url("/x"), "token");
        assertThat(as(TestUsers.AUDITOR).get(subscriptions).body()).contains(id);
        assertThat(as(TestUsers.AUDITOR).delete(subscriptions + "/" + id, "").status()).isEqualTo(403);
        // an auditor may delete a query of their own, but not one that has subscriptions
        assertThat(as(TestUsers.AUDITOR).delete("/epcis/queries/" + queryName, "").status()).isEqualTo(403);
    }
}
