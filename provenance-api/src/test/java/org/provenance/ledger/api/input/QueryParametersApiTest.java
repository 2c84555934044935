package org.provenance.ledger.api.input;

import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC 6: enum query parameters are case-insensitive, and asOf may be a date alone (start of day, UTC). */
class QueryParametersApiTest extends ApiTest {

    @Test
    void enum_parameters_are_case_insensitive() {
        assertThat(http.get("/api/flags?status=open&type=non_bloc_origin").status()).isEqualTo(200);
        Http.Response bogus = http.get("/api/flags?status=opened");
        assertThat(bogus.status()).isEqualTo(400);
        assertThat(bogus.body()).contains("status");
        // a lower-case policy is the policy: what is missing is the lot, not the policy
        Http.Response check = http.get("/api/lots/" + id("NO-LOT") + "/checks/dfars_252_225_7052?asOf=2027-01-01");
        assertThat(check.status()).isEqualTo(404);
        assertThat(check.body()).contains("lot").doesNotContain("known: BLOC_ORIGIN");
    }

    @Test
    void as_of_may_be_a_date_alone_and_is_bounded() {
        assertThat(http.get("/api/lots/" + id("NO-LOT") + "?asOf=2027-01-01").status()).isEqualTo(404);
        assertThat(http.get("/api/lots/" + id("NO-LOT") + "?asOf=2027-01-01T00:00:00Z").status()).isEqualTo(404);
        for (String bad : new String[] {"2027-13-01", "1850-01-01", "2027-01-01T00:00:00", "1e400", ""}) {
            Http.Response answer = http.get("/api/lots/" + id("NO-LOT") + "?asOf=" + bad);
            assertThat(answer.status()).as(bad + " " + answer.body()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.body()).contains("asOf");
        }
    }
}
