package org.provenance.ledger.api.security;

import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.TestTokens;

import java.time.Instant;
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
                .isEqualTo("operator-7@mine.example");
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
}
