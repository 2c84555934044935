package org.provenance.ledger.api.security;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.TestUsers;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint against every role and anonymous (SPEC 8). Write bodies are deliberately
 * incomplete: a permitted caller gets a validation answer (400), a refused one 401 or 403, and
 * nothing is appended either way.
 */
class AuthorizationMatrixTest extends ApiTest {

    private record Endpoint(String method, String path, String body, Set<String> allowed) {
    }

    private static final Set<String> READERS = Set.of("COMPLIANCE", "AUDITOR", "ADMIN");
    private static final Set<String> EVERYONE = Set.of("OPERATOR", "COMPLIANCE", "AUDITOR", "ADMIN");

    private String lotId;
    private String transferId;

    @BeforeEach
    void chain() {
        String mine = facility("MINE", "AU");
        String buyer = facility("BUYER", "US");
        lotId = extract(mine, "1");
        transferId = id("T");
        assertThat(transfer(transferId, lotId, mine, buyer).status()).isEqualTo(201);
    }

    private List<Endpoint> endpoints() {
        String lot = "/api/lots/" + lotId;
        return List.of(
                new Endpoint("POST", "/api/facilities", "{}", Set.of("ADMIN")),
                new Endpoint("GET", "/api/facilities/" + TestUsers.OPERATOR_MINE, null, EVERYONE),
                new Endpoint("GET", "/api/facilities/" + TestUsers.OPERATOR_MINE + "/mass-balance", null, READERS),
                new Endpoint("POST", "/api/blocs", "{}", Set.of("ADMIN")),
                new Endpoint("GET", "/api/blocs/" + HOME_BLOC, null, READERS),
                new Endpoint("PUT", "/api/blocs/" + HOME_BLOC + "/members/FR", "{}", Set.of("ADMIN")),
                new Endpoint("DELETE", "/api/blocs/" + HOME_BLOC + "/members/FR", "{}", Set.of("ADMIN")),
                new Endpoint("PUT", "/api/blocs/" + HOME_BLOC + "/price-floors/REE/oxide", "{}", Set.of("ADMIN")),
                new Endpoint("POST", "/api/lots/extractions", "{}", Set.of("OPERATOR")),
                new Endpoint("POST", "/api/lots/registrations", "{}", Set.of("OPERATOR")),
                new Endpoint("POST", "/api/transformations", "{}", Set.of("OPERATOR")),
                new Endpoint("POST", "/api/transfers", "{}", Set.of("OPERATOR")),
                new Endpoint("GET", lot, null, EVERYONE),
                new Endpoint("GET", lot + "/events", null, Set.of("AUDITOR")),
                new Endpoint("GET", lot + "/lineage", null, READERS),
                new Endpoint("GET", lot + "/checks/BLOC_ORIGIN", null, READERS),
                new Endpoint("GET", lot + "/checks/DFARS_252_225_7052", null, READERS),
                new Endpoint("GET", "/api/transfers/" + transferId, null, READERS),
                new Endpoint("GET", "/api/flags", null, READERS),
                new Endpoint("GET", "/api/flags/" + transferId + ":NON_BLOC_ORIGIN", null, READERS),
                new Endpoint("POST", "/api/flags/" + transferId + ":NON_BLOC_ORIGIN/reviews", "{}", Set.of("COMPLIANCE")),
                new Endpoint("POST", "/api/checks", "{}", Set.of("COMPLIANCE", "AUDITOR")),
                new Endpoint("GET", "/api/checks/no-such-check", null, READERS),
                new Endpoint("POST", "/api/what-if", "{}", READERS),
                new Endpoint("GET", "/api/reports/smelters", null, READERS),
                new Endpoint("GET", lot + "/report", null, READERS),
                new Endpoint("GET", "/api/audit/verify", null, Set.of("AUDITOR")),
                new Endpoint("GET", "/api/audit/checkpoint", null, Set.of("AUDITOR")),
                new Endpoint("GET", "/api/audit/public-key", null, Set.of("AUDITOR")),
                new Endpoint("GET", "/api/audit/events?limit=1", null, Set.of("AUDITOR")),
                new Endpoint("GET", "/api/audit/export?after=0&until=1", null, Set.of("AUDITOR")),
                new Endpoint("GET", "/api/audit/alarm", null, Set.of("AUDITOR")),
                new Endpoint("POST", "/api/audit/alarm/acknowledgement", "", Set.of("ADMIN")),
                new Endpoint("GET", "/api/admin/projections", null, Set.of("ADMIN")),
                new Endpoint("POST", "/api/admin/projections/no-such-projection/replay", "{}", Set.of("ADMIN")),
                // EPCIS query interface, subscriptions and flag webhooks
                new Endpoint("GET", "/epcis/events", null, Set.of("COMPLIANCE", "AUDITOR")),
                new Endpoint("GET", "/epcis/eventTypes/ObjectEvent/events", null, Set.of("COMPLIANCE", "AUDITOR")),
                new Endpoint("GET", "/epcis/eventTypes", null, Set.of("COMPLIANCE", "AUDITOR")),
                new Endpoint("GET", "/epcis/bizSteps", null, Set.of("COMPLIANCE", "AUDITOR")),
                new Endpoint("GET", "/epcis/epcs", null, Set.of("COMPLIANCE", "AUDITOR")),
                new Endpoint("POST", "/epcis/queries", "{}", Set.of("COMPLIANCE", "AUDITOR")),
                new Endpoint("GET", "/epcis/queries", null, Set.of("COMPLIANCE", "AUDITOR")),
                new Endpoint("GET", "/epcis/queries/no-such-query/events", null, Set.of("COMPLIANCE", "AUDITOR")),
                new Endpoint("DELETE", "/epcis/queries/no-such-query", "", Set.of("COMPLIANCE", "AUDITOR")),
                new Endpoint("POST", "/epcis/queries/no-such-query/subscriptions", "{}", Set.of("COMPLIANCE")),
                new Endpoint("GET", "/epcis/queries/no-such-query/subscriptions", null, Set.of("COMPLIANCE", "AUDITOR")),
                new Endpoint("DELETE", "/epcis/queries/no-such-query/subscriptions/x", "", Set.of("COMPLIANCE")),
                new Endpoint("GET", "/api/webhooks/flags", null, Set.of("COMPLIANCE", "ADMIN")),
                new Endpoint("POST", "/api/webhooks/flags", "{}", Set.of("COMPLIANCE", "ADMIN")),
                new Endpoint("DELETE", "/api/webhooks/flags/no-such-webhook", "", Set.of("COMPLIANCE", "ADMIN")),
                new Endpoint("POST", "/epcis/capture", "{}", Set.of("OPERATOR")),
                new Endpoint("POST", "/epcis/events", "{}", Set.of("OPERATOR")),
                new Endpoint("GET", "/epcis/capture", null, EVERYONE),
                new Endpoint("GET", "/epcis/capture/no-such-capture", null, EVERYONE),
                new Endpoint("GET", "/epcis/events/urn:uuid:00000000-0000-4000-8000-000000000000", null,
                             Set.of("COMPLIANCE", "AUDITOR")),
                new Endpoint("GET", "/epcis/trace?epc=" + lotId, null, Set.of("COMPLIANCE", "AUDITOR")),
                new Endpoint("GET", "/actuator/prometheus", null, Set.of("ADMIN")));
    }

    @Test
    void every_endpoint_answers_each_role_as_specified_and_refusals_append_nothing() {
        List<String> wrong = new ArrayList<>();
        long events = eventCount();
        for (Endpoint endpoint : endpoints()) {
            check(wrong, endpoint, "anonymous", anonymous(), false);
            for (TestUsers.User user : List.of(TestUsers.OPERATOR, TestUsers.COMPLIANCE, TestUsers.AUDITOR,
                                               TestUsers.ADMIN)) {
                check(wrong, endpoint, user.roles(), as(user), endpoint.allowed().contains(user.roles()));
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void health_is_open_to_everyone() {
        assertThat(anonymous().get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void a_refusal_is_a_problem_document() {
        Http.Response unauthenticated = anonymous().get("/api/flags");
        assertProblem(unauthenticated, 401, "unauthenticated");
        Http.Response forbidden = as(TestUsers.OPERATOR).get("/api/flags");
        assertProblem(forbidden, 403, "forbidden");
        Http.Response badPassword = new Http(port).basic("compliance", "wrong").get("/api/flags");
        assertProblem(badPassword, 401, "unauthenticated");
    }

    private static void check(List<String> wrong, Endpoint endpoint, String who, Http client, boolean allowed) {
        Http.Response response = switch (endpoint.method()) {
            case "GET" -> client.get(endpoint.path());
            case "POST" -> client.post(endpoint.path(), endpoint.body());
            case "PUT" -> client.put(endpoint.path(), endpoint.body());
            case "DELETE" -> client.delete(endpoint.path(), endpoint.body());
            default -> throw new IllegalArgumentException(endpoint.method());
        };
        int status = response.status();
        boolean ok = allowed ? status != 401 && status != 403 && status < 500
                : status == ("anonymous".equals(who) ? 401 : 403);
        if (!ok) {
            wrong.add(endpoint.method() + " " + endpoint.path() + " as " + who + " -> " + status);
        }
    }
}
