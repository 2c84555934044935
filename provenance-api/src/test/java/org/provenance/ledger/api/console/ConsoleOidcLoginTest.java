package org.provenance.ledger.api.console;

import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a client registration configured, the console offers login through the issuer and sends
 * the browser there (authorization code flow). No issuer runs here: the registration names its
 * endpoints, so nothing is discovered, and the test stops at the redirect.
 */
@TestPropertySource(properties = {
        "spring.security.oauth2.client.registration.corp.client-id=ledger-console",
        "spring.security.oauth2.client.registration.corp.client-secret=not-a-secret",
        "spring.security.oauth2.client.registration.corp.client-name=Corp login",
        "spring.security.oauth2.client.registration.corp.scope=openid,profile",
        "spring.security.oauth2.client.registration.corp.authorization-grant-type=authorization_code",
        "spring.security.oauth2.client.registration.corp.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
        "spring.security.oauth2.client.provider.corp.authorization-uri=https://login.example.org/auth",
        "spring.security.oauth2.client.provider.corp.token-uri=https://login.example.org/token",
        "spring.security.oauth2.client.provider.corp.jwk-set-uri=https://login.example.org/jwks",
        "spring.security.oauth2.client.provider.corp.user-name-attribute=sub"})
class ConsoleOidcLoginTest extends ApiTest {

    @Test
    void a_configured_issuer_is_offered_on_the_login_page_and_the_browser_is_sent_there() {
        Http.Response login = anonymous().get("/login");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).contains("Sign in with Corp login").contains("/oauth2/authorization/corp")
                                .contains("name=\"_csrf\"");

        Http.Response redirect = anonymous().get("/oauth2/authorization/corp");
        assertThat(redirect.status()).isEqualTo(302);
        URI to = URI.create(redirect.header("Location"));
        assertThat(to.getHost()).isEqualTo("login.example.org");
        assertThat(to.getQuery()).contains("response_type=code").contains("client_id=ledger-console")
                                 .contains("scope=openid profile").contains("state=").contains("nonce=")
                                 .contains("/login/oauth2/code/corp");
        // the API's chain is untouched: no session, Basic still answers
        assertThat(http.get("/api/flags").status()).isEqualTo(200);
    }
}
