package org.provenance.ledger.api.webhook;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SSRF rules for callback URLs, with the settings production has by default and with the tests'. */
class CallbackUrlsTest {

    private static CallbackUrls urls(List<String> allowedHosts, boolean loopback) {
        return new CallbackUrls(new WebhookProperties(allowedHosts, loopback, null, null, null, null, null));
    }

    @Test
    void only_http_and_https_without_credentials() {
        CallbackUrls urls = urls(List.of(), true);
        assertThat(urls.check("http://127.0.0.1:8080/hook").getPort()).isEqualTo(8080);
        for (String bad : List.of("ftp://127.0.0.1/x", "file:///etc/passwd", "gopher://127.0.0.1/", "127.0.0.1/x",
                                  "http://user:pw@127.0.0.1/x", "http:///x", "not a url")) {
            assertThatThrownBy(() -> urls.check(bad)).as(bad).isInstanceOf(CallbackUrls.RefusedUrlException.class);
        }
    }

    @Test
    void loopback_link_local_and_private_addresses_are_refused_by_default() {
        CallbackUrls urls = urls(List.of(), false);
        for (String bad : List.of("http://127.0.0.1/x", "http://localhost/x", "http://[::1]/x",
                                  "http://169.254.169.254/latest/meta-data", "http://10.1.2.3/x",
                                  "http://192.168.1.1/x", "http://0.0.0.0/x")) {
            assertThatThrownBy(() -> urls.check(bad)).as(bad).isInstanceOf(CallbackUrls.RefusedUrlException.class);
        }
    }

    @Test
    void a_listed_host_may_be_private_and_the_list_excludes_every_other_host() {
        CallbackUrls urls = urls(List.of("10.1.2.3", "*.internal.example"), false);
        assertThat(urls.check("https://10.1.2.3/hook").getHost()).isEqualTo("10.1.2.3");
        assertThatThrownBy(() -> urls.check("https://10.1.2.4/hook")).hasMessageContaining("allowed-hosts");
        assertThatThrownBy(() -> urls.check("https://8.8.8.8/hook")).hasMessageContaining("allowed-hosts");
    }

    @Test
    void back_off_doubles_up_to_its_ceiling() {
        WebhookProperties p = new WebhookProperties(null, null, null, java.time.Duration.ofSeconds(5),
                                                    java.time.Duration.ofMinutes(1), null, null);
        assertThat(p.backoff(1)).hasSeconds(5);
        assertThat(p.backoff(2)).hasSeconds(10);
        assertThat(p.backoff(3)).hasSeconds(20);
        assertThat(p.backoff(10)).hasSeconds(60);
        assertThat(p.backoff(100)).hasSeconds(60);
    }
}
