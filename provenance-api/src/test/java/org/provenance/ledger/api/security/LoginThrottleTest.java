package org.provenance.ledger.api.security;

import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.TestUsers;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed logins are throttled per user name and per client address (429 with Retry-After), and only
 * failures count. The test ledger shares 127.0.0.1 with every other test class, so these tests call
 * it from other loopback addresses (Linux routes all of 127.0.0.0/8 to the loopback interface), each
 * its own, and lock out only the user {@link TestUsers#THROTTLED}, which nothing else uses.
 */
class LoginThrottleTest extends ApiTest {

    /** ledger.security.login-throttle.per-user.failures: the default, 10 per 5 minutes. */
    private static final int USER_FAILURES = 10;
    /** Set to 30 for the tests by ApiTest. */
    private static final int ADDRESS_FAILURES = 30;

    @Test
    void wrong_passwords_for_one_user_lock_that_user_out_and_no_one_else() {
        String address = "127.0.0.2";
        TestUsers.User user = TestUsers.THROTTLED;
        assertThat(from(address, user.name(), user.password()).status()).isEqualTo(200);
        for (int i = 0; i < 50; i++) {
            assertThat(from(address, TestUsers.COMPLIANCE.name(), TestUsers.COMPLIANCE.password()).status())
                    .as("successful requests never count").isEqualTo(200);
        }

        for (int i = 1; i <= USER_FAILURES; i++) {
            assertThat(from(address, user.name(), "guess-" + i).status()).as("failure " + i).isEqualTo(401);
        }
        Answer throttled = from(address, user.name(), "guess-11");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("content-type")).startsWith("application/problem+json");
        assertThat(throttled.body()).contains("/problems/too-many-failed-logins");
        // one more attempt per 30 s (10 per 5 minutes)
        assertThat(Long.parseLong(throttled.header("retry-after"))).isBetween(1L, 30L);
        assertThat(from(address, user.name(), user.password()).status())
                .as("the right password too, else guessing would go on").isEqualTo(429);
        assertThat(from("127.0.0.5", user.name(), user.password()).status())
                .as("from any address").isEqualTo(429);
        // others, from the same address and from the rest of the test suite's
        assertThat(from(address, TestUsers.COMPLIANCE.name(), TestUsers.COMPLIANCE.password()).status()).isEqualTo(200);
        assertThat(as(TestUsers.COMPLIANCE).get("/api/flags").status()).isEqualTo(200);
    }

    @Test
    void many_failures_from_one_address_lock_that_address_out() {
        String address = "127.0.0.3";
        // user names that exist nowhere, each failing once: only the address limit can stop them
        for (int i = 1; i <= ADDRESS_FAILURES; i++) {
            assertThat(from(address, id("nobody"), "guess").status()).as("failure " + i).isEqualTo(401);
        }

        Answer throttled = from(address, id("nobody"), "guess");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("retry-after")).isNotBlank();
        assertThat(from(address, TestUsers.COMPLIANCE.name(), TestUsers.COMPLIANCE.password()).status())
                .as("every login from that address").isEqualTo(429);
        assertThat(from("127.0.0.4", TestUsers.COMPLIANCE.name(), TestUsers.COMPLIANCE.password()).status())
                .as("another address").isEqualTo(200);
        assertThat(as(TestUsers.COMPLIANCE).get("/api/flags").status()).isEqualTo(200);
        // health without credentials answers a load balancer on that address all the same
        assertThat(new Answer.Client(port).get(address, "/actuator/health/readiness", null).status()).isEqualTo(200);
    }

    private Answer from(String address, String user, String password) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Answer.Client(port).get(address, "/api/flags", "Basic " + credentials);
    }

    /** An HTTP/1.1 answer read off a socket bound to a chosen local address. */
    record Answer(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        record Client(int port) {
            Answer get(String localAddress, String path, String authorization) {
                try (Socket socket = new Socket()) {
                    socket.bind(new InetSocketAddress(localAddress, 0));
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                    socket.setSoTimeout(30_000);
                    OutputStream out = socket.getOutputStream();
                    out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                            + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                            + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    int end = text.indexOf("\r\n\r\n");
                    String[] lines = text.substring(0, end).split("\r\n");
                    Map<String, String> headers = new LinkedHashMap<>();
                    for (int i = 1; i < lines.length; i++) {
                        int colon = lines[i].indexOf(':');
                        headers.putIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                                            lines[i].substring(colon + 1).strip());
                    }
                    return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
