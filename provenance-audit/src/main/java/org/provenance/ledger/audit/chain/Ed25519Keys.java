package org.provenance.ledger.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys in the forms auditors' tools read: the public key as X.509 SubjectPublicKeyInfo
 * (PEM "PUBLIC KEY", what `openssl pkey -pubin` reads), the private key as PKCS#8 (PEM "PRIVATE KEY").
 * Java 17's own Ed25519 provider does the cryptography.
 */
public final class Ed25519Keys {

    public static final String ALGORITHM = "Ed25519";

    private static final String PUBLIC_PEM = "PUBLIC KEY";
    private static final String PRIVATE_PEM = "PRIVATE KEY";

    private Ed25519Keys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    /** Reads a public key from PEM or from base64 of the DER SubjectPublicKeyInfo. */
    public static PublicKey publicKey(String text) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(text, PUBLIC_PEM)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (expected PEM \"PUBLIC KEY\" or base64 "
                                                       + "X.509 SubjectPublicKeyInfo)");
        }
    }

    /** Reads a private key from PEM or from base64 of the DER PKCS#8 structure. */
    public static PrivateKey privateKey(String text) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(text, PRIVATE_PEM)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 private key (expected PEM \"PRIVATE KEY\" or base64 "
                                                       + "PKCS#8)");
        }
    }

    public static String pem(PublicKey key) {
        return pem(PUBLIC_PEM, key.getEncoded());
    }

    public static String pem(PrivateKey key) {
        return pem(PRIVATE_PEM, key.getEncoded());
    }

    /** base64 of the DER SubjectPublicKeyInfo. */
    public static String base64(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** A short name for a key: the first 16 hex digits of SHA-256 over its DER SubjectPublicKeyInfo. */
    public static String keyId(PublicKey key) {
        return ChainHash.hex(ChainHash.sha256(key.getEncoded())).substring(0, 16);
    }

    public static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign with the ledger's key", e);
        }
    }

    public static boolean verify(PublicKey key, byte[] message, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (InvalidKeyException | SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    /** True when the two keys are halves of one pair (a configured pair could be mismatched). */
    public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        byte[] probe = "provenance-ledger key pair check".getBytes(StandardCharsets.US_ASCII);
        return verify(publicKey, probe, sign(privateKey, probe));
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static byte[] der(String text, String label) {
        String body = text.strip();
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = body.indexOf(begin);
        if (from >= 0) {
            int to = body.indexOf(end, from);
            if (to < 0) {
                throw new IllegalArgumentException("unterminated PEM block");
            }
            body = body.substring(from + begin.length(), to);
        }
        return Base64.getMimeDecoder().decode(body.replaceAll("\\s", ""));
    }
}
