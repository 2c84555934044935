package org.provenance.ledger.api.security;

import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Await;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.TestTokens;
import org.provenance.ledger.api.support.TestUsers;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Production mode: Bearer JWTs of the configured issuer, with roles and facilities from claims. */
class JwtAuthenticationTest extends ApiTest {

    @Test
    void a_valid_token_grants_its_roles() {
        String token = TestTokens.token("officer@example.org", Map.of("roles", List.of("COMPLIANCE")));

        Http.Response flags = anonymous().bearer(token).get("/api/flags");

        assertThat(flags.status()).as(flags.body()).isEqualTo(200);
        assertProblem(anonymous().bearer(token).get("/api/audit/verify"), 403, "forbidden");
    }

    @Test
    void an_operator_token_records_for_the_facilities_it_names_under_its_subject() {
        String mine = facility("MINE", "CA");
        String token = TestTokens.token("operator-7@mine.example", Map.of("roles", "OPERATOR", "facilities", List.of(mine)));
        String lotId = id("LOT");

        Http.Response extracted = anonymous().bearer(token).post("/api/lots/extractions", """
                {"lotId": "%s", "mineId": "%s", "mineral": "Li", "form": "ore", "massKg": 2}""".formatted(lotId, mine));

        assertThat(extracted.status()).as(extracted.body()).isEqualTo(201);
        assertThat(http.get("/api/lots/" + lotId + "/events").json().path("events").get(0).path("principal").asString())
                .isEqualTo(TestTokens.ISSUER + "#operator-7@mine.example");
        Http.Response elsewhere = anonymous().bearer(token).post("/api/lots/extractions", """
                {"lotId": "%s", "mineId": "%s", "mineral": "Li", "form": "ore", "massKg": 2}"""
                .formatted(id("LOT"), facility("MINE", "CA")));
        assertProblem(elsewhere, 403, "forbidden");
    }

    @Test
    void an_expired_token_is_refused() {
        String token = TestTokens.sign(TestTokens.trustedKeys(), TestTokens.ISSUER, "late@example.org",
                                       Map.of("roles", List.of("COMPLIANCE")), Instant.now().minusSeconds(3600));

        assertProblem(anonymous().bearer(token).get("/api/flags"), 401, "unauthenticated");
    }

    @Test
    void a_token_of_another_issuer_is_refused() {
        String token = TestTokens.sign(TestTokens.trustedKeys(), "https://elsewhere.invalid", "x@example.org",
                                       Map.of("roles", List.of("COMPLIANCE")), Instant.now().plusSeconds(600));

        assertProblem(anonymous().bearer(token).get("/api/flags"), 401, "unauthenticated");
    }

    @Test
    void a_token_signed_by_another_key_is_refused() {
        String token = TestTokens.sign(TestTokens.generate(), TestTokens.ISSUER, "x@example.org",
                                       Map.of("roles", List.of("COMPLIANCE")), Instant.now().plusSeconds(600));

        assertProblem(anonymous().bearer(token).get("/api/flags"), 401, "unauthenticated");
    }

    @Test
    void a_token_without_roles_is_authenticated_but_may_do_nothing() {
        String token = TestTokens.token("nobody@example.org", Map.of());

        assertProblem(anonymous().bearer(token).get("/api/flags"), 403, "forbidden");
        assertProblem(anonymous().bearer(token).get("/api/lots/" + id("LOT")), 403, "forbidden");
    }

    @Test
    void a_token_without_exp_is_refused_naming_the_claim() {
        String token = TestTokens.withClaims(Map.of("iss", TestTokens.ISSUER, "sub", "forever@example.org",
                                                    "jti", "t-1", "roles", List.of("COMPLIANCE")));

        Http.Response refused = anonymous().bearer(token).get("/api/flags");

        assertProblem(refused, 401, "unauthenticated");
        assertThat(refused.text("claim")).isEqualTo("exp");
        assertThat(refused.text("detail")).contains("'exp'");
    }

    @Test
    void a_token_without_sub_is_refused_naming_the_claim() {
        String token = TestTokens.withClaims(Map.of("iss", TestTokens.ISSUER, "jti", "t-2",
                                                    "exp", Instant.now().plusSeconds(600).getEpochSecond(),
                                                    "roles", List.of("COMPLIANCE")));

        Http.Response refused = anonymous().bearer(token).get("/api/flags");

        assertProblem(refused, 401, "unauthenticated");
        assertThat(refused.text("claim")).isEqualTo("sub");
    }

    @Test
    void a_token_without_a_claim_the_configuration_adds_is_refused() {
        // ApiTest requires jti besides the default exp and sub
        String token = TestTokens.withClaims(Map.of("iss", TestTokens.ISSUER, "sub", "no-jti@example.org",
                                                    "exp", Instant.now().plusSeconds(600).getEpochSecond(),
                                                    "roles", List.of("COMPLIANCE")));

        Http.Response refused = anonymous().bearer(token).get("/api/flags");

        assertProblem(refused, 401, "unauthenticated");
        assertThat(refused.text("claim")).isEqualTo("jti");
    }

    @Test
    void other_refusals_do_not_say_why() {
        String token = TestTokens.sign(TestTokens.generate(), TestTokens.ISSUER, "x@example.org",
                                       Map.of("roles", List.of("COMPLIANCE")), Instant.now().plusSeconds(600));

        Http.Response refused = anonymous().bearer(token).get("/api/flags");

        assertProblem(refused, 401, "unauthenticated");
        assertThat(refused.json().has("claim")).isFalse();
        assertThat(refused.body()).doesNotContainIgnoringCase("signature").doesNotContainIgnoringCase("key");
    }

    @Test
    void a_token_accepted_and_remembered_is_refused_once_it_expires() {
        Instant expiry = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        String token = TestTokens.sign(TestTokens.trustedKeys(), TestTokens.ISSUER, "brief@example.org",
                                       Map.of("roles", List.of("COMPLIANCE")), expiry);
        assertThat(anonymous().bearer(token).get("/api/flags").status()).isEqualTo(200);
        assertThat(anonymous().bearer(token).get("/api/flags").status()).as("the remembered token").isEqualTo(200);

        // Spring's decoder alone would still take it for a minute of clock skew; the ledger does not.
        Await.until("the token is refused after its exp", Duration.ofSeconds(30),
                    () -> anonymous().bearer(token).get("/api/flags").status() == 401);
        assertThat(Instant.now()).isAfterOrEqualTo(expiry);
        assertProblem(anonymous().bearer(token).get("/api/flags"), 401, "unauthenticated");
    }

    @Test
    void a_local_user_and_a_token_subject_of_the_same_name_record_different_principals() {
        homeBloc();
        http.post("/api/facilities", """
                {"id": "%s", "name": "Operator's mine", "kind": "MINE", "country": "AU"}""".formatted(TestUsers.OPERATOR_MINE));
        String localLot = id("LOT");
        String tokenLot = id("LOT");
        String operatorToken = TestTokens.token(TestUsers.OPERATOR.name(),
                                                Map.of("roles", "OPERATOR", "facilities", List.of(TestUsers.OPERATOR_MINE)));
        String extraction = """
                {"lotId": "%s", "mineId": "%s", "mineral": "W", "form": "ore", "massKg": 3}""";

        assertThat(as(TestUsers.OPERATOR).post("/api/lots/extractions",
                                               extraction.formatted(localLot, TestUsers.OPERATOR_MINE)).status()).isEqualTo(201);
        assertThat(anonymous().bearer(operatorToken).post("/api/lots/extractions",
                                                          extraction.formatted(tokenLot, TestUsers.OPERATOR_MINE)).status())
                .isEqualTo(201);

        assertThat(principalOf(localLot)).isEqualTo("local:operator");
        assertThat(principalOf(tokenLot)).isEqualTo(TestTokens.ISSUER + "#operator");

        // a flag reviewed by the local compliance officer, then by a token whose sub is the same name
        String mine = facility("MINE", "CN");
        String buyer = facility("BUYER", "US");
        String sale = id("SALE");
        assertThat(transfer(sale, extract(mine, "5"), mine, buyer).status()).isEqualTo(201);
        String flagId = sale + ":NON_BLOC_ORIGIN";
        String complianceToken = TestTokens.token(TestUsers.COMPLIANCE.name(), Map.of("roles", List.of("COMPLIANCE")));
        assertThat(as(TestUsers.COMPLIANCE).post("/api/flags/" + flagId + "/reviews", """
                {"decision": "CONFIRMED", "note": "by the local user"}""").status()).isEqualTo(201);
        assertThat(anonymous().bearer(complianceToken).post("/api/flags/" + flagId + "/reviews", """
                {"decision": "FALSE_POSITIVE", "note": "by the token"}""").status()).isEqualTo(201);

        JsonNode reviews = http.get("/api/flags/" + flagId).json().path("reviews");
        assertThat(reviews.findValuesAsString("principal"))
                .containsExactly("local:compliance", TestTokens.ISSUER + "#compliance");
    }

    private String principalOf(String lotId) {
        JsonNode events = as(TestUsers.AUDITOR).get("/api/lots/" + lotId + "/events").json().path("events");
        assertThat(events).hasSize(1);
        return events.get(0).path("principal").asString();
    }
}
