package org.provenance.ledger.api.webhook;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Await;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.TestUsers;
import org.provenance.ledger.api.support.WebhookReceiver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flag webhooks: a purchase flagged through the REST API reaches the procurement system's receiver
 * (loopback) as the flag GET /api/flags shows, signed with the webhook's secret; a replay's
 * re-insert of the flag sends nothing again.
 */
class FlagWebhookApiTest extends ApiTest {

    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SECRET = "procurement-shared-secret";

    WebhookReceiver receiver;
    /** Deleted after each test: the ledger is shared, and other tests' flags must not go to a closed receiver. */
    final List<String> registered = new java.util.ArrayList<>();

    @BeforeEach
    void setUp() {
        homeBloc();
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void tearDown() {
        registered.forEach(id -> as(TestUsers.COMPLIANCE).delete("/api/webhooks/flags/" + id, ""));
        receiver.close();
    }

    private String register(String url) {
        Http.Response r = as(TestUsers.COMPLIANCE).post("/api/webhooks/flags", """
                {"url": "%s", "secret": "%s"}""".formatted(url, SECRET));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).doesNotContain(SECRET);
        registered.add(r.text("id"));
        return r.text("id");
    }

    private Optional<WebhookReceiver.Received> flagPosted(String flagId) {
        return receiver.received().stream().filter(r -> JSON.readTree(r.body()).path("id").asString().equals(flagId))
                       .findFirst();
    }

    private static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void a_non_bloc_purchase_made_through_the_api_is_posted_to_the_webhook_as_get_api_flags_shows_it() throws Exception {
        register(receiver.url("/flags"));
        String sale = nonBlocSale();
        String flagId = sale + ":NON_BLOC_ORIGIN";

        Await.until("the flag reaches the webhook", DELIVERY, () -> flagPosted(flagId).isPresent());

        WebhookReceiver.Received posted = flagPosted(flagId).orElseThrow();
        assertThat(posted.path()).isEqualTo("/flags");
        assertThat(posted.header("GS1-Signature")).isEqualTo(hmac(posted.body()));
        assertThat(posted.header("Ledger-Delivery-Id")).isNotBlank();
        JsonNode flag = JSON.readTree(posted.body());
        JsonNode shown = JSON.readTree(http.get("/api/flags/" + flagId).body());
        assertThat(flag).isEqualTo(shown);
        assertThat(flag.path("type").asString()).isEqualTo("NON_BLOC_ORIGIN");
        assertThat(flag.path("evidence").get(0).path("country").asString()).isEqualTo("MM");
        assertThat(receiver.received().stream().filter(r -> JSON.readTree(r.body()).path("id").asString()
                                                                .equals(flagId))).hasSize(1);
    }

    /** Blended ore, 30 % from a mine outside the home bloc, sold through the REST API; returns the sale's id. */
    private String nonBlocSale() {
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
        return sale;
    }

    @Test
    void a_replay_of_the_read_models_sends_no_flag_again() {
        String webhook = register(receiver.url("/flags"));
        String before = nonBlocSale() + ":NON_BLOC_ORIGIN";
        Await.until("the first flag reaches the webhook", DELIVERY, () -> flagPosted(before).isPresent());

        assertThat(http.post("/api/admin/projections/ledger/replay", "").status()).isEqualTo(202);
        Await.until("the replay is done", Duration.ofSeconds(120), () -> {
            JsonNode ledger = http.get("/api/admin/projections/ledger").json();
            return "RUNNING".equals(ledger.path("status").asString())
                   && ledger.path("position").asLong() >= latestEventPosition()
                   && (ledger.path("replay").isNull() || ledger.path("replay").path("done").asBoolean());
        });
        assertThat(http.get("/api/flags/" + before).status()).as("the replay raised the flag again").isEqualTo(200);
        // Flags are queued in the order raised: once a flag raised after the replay has arrived, a
        // re-sent old one would have been queued before it.
        String after = nonBlocSale() + ":NON_BLOC_ORIGIN";
        Await.until("a flag raised after the replay reaches the webhook", DELIVERY, () -> flagPosted(after).isPresent());

        assertThat(receiver.received().stream().filter(r -> JSON.readTree(r.body()).path("id").asString()
                                                                .equals(before))).hasSize(1);
        assertThat(jdbc.sql("select count(*) from webhook_delivery where target_id = ? and body like ?")
                       .params(webhook, "%\"" + before + "\"%").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void a_price_below_the_floor_reaches_the_webhook_and_a_deleted_webhook_receives_no_more() {
        WebhookReceiver deletedReceiver = new WebhookReceiver();
        try {
            register(receiver.url("/kept"));
            String deleted = register(deletedReceiver.url("/gone"));
            assertThat(as(TestUsers.ADMIN).delete("/api/webhooks/flags/" + deleted, "").status()).isEqualTo(204);
            assertThat(as(TestUsers.ADMIN).get("/api/webhooks/flags").body()).doesNotContain(deleted);
            assertThat(as(TestUsers.ADMIN).get("/api/webhooks/flags/" + deleted).status()).isEqualTo(404);

            // a form of its own, so floors set by other tests do not apply
            String form = "ore-" + id("F").substring(2);
            Http.Response floor = http.put("/api/blocs/" + HOME_BLOC + "/price-floors/REE/" + form, """
                    {"currency": "USD", "pricePerKg": 12.50, "effectiveFrom": "2026-01-01T00:00:00Z"}""");
            assertThat(floor.status()).as(floor.body()).isEqualTo(201);
            String mine = facility("MINE", "AU");
            String buyer = facility("BUYER", "US");
            String lot = id("LOT");
            assertThat(http.post("/api/lots/extractions", """
                    {"lotId": "%s", "mineId": "%s", "mineral": "REE", "form": "%s", "massKg": 1}"""
                    .formatted(lot, mine, form)).status()).isEqualTo(201);
            String sale = id("SALE");
            Http.Response sold = http.post("/api/transfers", """
                    {"id": "%s", "lotId": "%s", "fromFacilityId": "%s", "toFacilityId": "%s",
                     "unitPrice": {"amount": 12.49, "currency": "USD"}}""".formatted(sale, lot, mine, buyer));
            assertThat(sold.status()).as(sold.body()).isEqualTo(201);

            Await.until("the below-floor flag reaches the webhook", DELIVERY,
                        () -> flagPosted(sale + ":PRICE_BELOW_FLOOR").isPresent());
            assertThat(deletedReceiver.received()).isEmpty();
        } finally {
            deletedReceiver.close();
        }
    }

    @Test
    void registering_refuses_urls_the_ledger_will_not_call_and_short_secrets_and_needs_compliance_or_admin() {
        Http.Response ftp = as(TestUsers.COMPLIANCE).post("/api/webhooks/flags", """
                {"url": "ftp://procurement.example.com/x", "secret": "%s"}""".formatted(SECRET));
        assertProblem(ftp, 400, "invalid-command");
        assertNamesField(ftp, "url");
        Http.Response metadata = as(TestUsers.COMPLIANCE).post("/api/webhooks/flags", """
                {"url": "http://169.254.169.254/latest/meta-data", "secret": "%s"}""".formatted(SECRET));
        assertProblem(metadata, 400, "invalid-command");
        Http.Response secret = as(TestUsers.COMPLIANCE).post("/api/webhooks/flags", """
                {"url": "%s", "secret": "short"}""".formatted(receiver.url("/x")));
        assertNamesField(secret, "secret");
        Http.Response unknown = as(TestUsers.COMPLIANCE).post("/api/webhooks/flags", """
                {"url": "%s", "secret": "%s", "events": ["all"]}""".formatted(receiver.url("/x"), SECRET));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(as(TestUsers.OPERATOR).post("/api/webhooks/flags", """
                {"url": "%s", "secret": "%s"}""".formatted(receiver.url("/x"), SECRET)).status()).isEqualTo(403);
        assertThat(as(TestUsers.AUDITOR).get("/api/webhooks/flags").status()).isEqualTo(403);
        List<String> urls = as(TestUsers.ADMIN).get("/api/webhooks/flags").json().findValuesAsString("url");
        assertThat(urls).doesNotContain("ftp://procurement.example.com/x");
    }
}
