package org.provenance.ledger.bench.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A stand-in OpenID Connect issuer for the benchmark: an RSA key pair whose public half the ledger
 * trusts (spring.security.oauth2.resourceserver.jwt.public-key-location), and one RS256 token with
 * the ledger's roles and facilities claims. Verifying such a token costs the ledger a fraction of
 * a millisecond, where HTTP Basic costs a BCrypt check per request (see BENCHMARKS.md).
 */
public final class BearerTokens {

    private final KeyPair keys;

    public BearerTokens() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the public key as PEM (SubjectPublicKeyInfo) for the ledger to trust. */
    public Path writePublicKey(Path dir) throws IOException {
        Path file = dir.resolve("bench-issuer.pub.pem");
        Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        return file;
    }

    /** A token for {@code subject} with the given roles and facilities, valid for a day. */
    public String token(String subject, List<String> roles, List<String> facilities) {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"sub\":\"" + subject + "\",\"iat\":" + (now - 5) + ",\"exp\":" + (now + 86_400)
                + ",\"roles\":" + array(roles) + ",\"facilities\":" + array(facilities) + "}";
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.getPrivate());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String array(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
