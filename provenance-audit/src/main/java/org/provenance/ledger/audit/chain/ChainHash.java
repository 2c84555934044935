package org.provenance.ledger.audit.chain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** hash(n) = SHA-256(hash(n-1) || encoding(event n)); the first event links to 32 zero bytes. */
public final class ChainHash {

    public static final int LENGTH = 32;

    private static final HexFormat HEX = HexFormat.of();

    private ChainHash() {
    }

    /** The "previous hash" of the first chained event. */
    public static byte[] genesis() {
        return new byte[LENGTH];
    }

    public static byte[] next(byte[] previous, EventRow event) {
        if (previous.length != LENGTH) {
            throw new IllegalArgumentException("a chain hash has 32 bytes, not " + previous.length);
        }
        MessageDigest sha256 = sha256();
        sha256.update(previous);
        sha256.update(EventEncoding.encode(event));
        return sha256.digest();
    }

    public static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }

    public static String hex(byte[] hash) {
        return HEX.formatHex(hash);
    }

    /** Parses 64 hex digits (either case); anything else is refused. */
    public static byte[] parseHex(String hex) {
        if (hex == null || hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("a chain hash is 64 hex digits");
        }
        return HEX.parseHex(hex);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime has SHA-256", e);
        }
    }
}
