package org.provenance.ledger.api.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The {@code GS1-Signature} header of every webhook POST (the header EPCIS 2.0 names for signing what
 * a repository sends; the algorithm is the implementation's choice): {@code sha256=} followed by the
 * lower-case hex HMAC-SHA256 of the request body's exact bytes, keyed with the UTF-8 bytes of the
 * subscription's signatureToken (or the flag webhook's secret). A receiver computes the same over the
 * raw body it read and compares in constant time.
 */
public final class WebhookSignature {

    public static final String HEADER = "GS1-Signature";

    private WebhookSignature() {
    }

    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
