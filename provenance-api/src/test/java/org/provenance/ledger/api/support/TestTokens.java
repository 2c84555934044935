package org.provenance.ledger.api.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * An OpenID Connect issuer stand-in: an RSA key pair whose public half the test ledger trusts
 * (spring.security.oauth2.resourceserver.jwt.public-key-location), and JWTs signed with it.
 */
public final class TestTokens {

    public static final String ISSUER = "https://issuer.ledger-tests.invalid";
    private static final KeyPair KEYS = generate();
    static final Path PUBLIC_KEY = writePublicKey();

    private TestTokens() {
    }

    /** A token from the trusted issuer, valid for ten minutes. */
    public static String token(String subject, Map<String, Object> claims) {
        return sign(KEYS, ISSUER, subject, claims, Instant.now().plusSeconds(600));
    }

    public static String sign(KeyPair keys, String issuer, String subject, Map<String, Object> claims, Instant expiry) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(issuer).subject(subject).jwtID(java.util.UUID.randomUUID().toString())
                .issueTime(Date.from(Instant.now().minusSeconds(5)))
                .expirationTime(Date.from(expiry));
        claims.forEach(builder::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), builder.build());
        try {
            jwt.sign(new RSASSASigner(keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** A token of the trusted key with exactly these claims and no others: for tokens that lack one. */
    public static String withClaims(Map<String, Object> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        claims.forEach(builder::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), builder.build());
        try {
            jwt.sign(new RSASSASigner(KEYS.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    public static KeyPair trustedKeys() {
        return KEYS;
    }

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writePublicKey() {
        try {
            Path file = Files.createTempFile("ledger-test-issuer", ".pem");
            file.toFile().deleteOnExit();
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            Files.writeString(file, pem);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> list(String... values) {
        return List.of(values);
    }
}
