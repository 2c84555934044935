package org.provenance.ledger.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;

/**
 * A signed statement "the chain's head is at this position with this hash, as of this time"
 * (docs/AUDIT.md, "Checkpoints"). An auditor who keeps one can later prove that the history up to
 * that position was not rewritten: any change to it changes the hash at the position.
 *
 * @param position  the global position of the last chained event (0: nothing chained yet)
 * @param hash      the chain hash at that position, 64 lower-case hex digits
 * @param timestamp when the checkpoint was signed, ISO-8601 UTC, signed exactly as written here
 * @param algorithm always "Ed25519"
 * @param keyId     which key signed it ({@link Ed25519Keys#keyId}); informative, not signed
 * @param signature base64 of the 64-byte Ed25519 signature over {@link #signedBytes()}
 */
public record Checkpoint(long position, String hash, String timestamp, String algorithm, String keyId,
                         String signature) {

    public static final String SIGNED_PREFIX = "provenance-ledger checkpoint v1";

    public static Checkpoint sign(long position, byte[] hash, Instant at, PrivateKey key, PublicKey publicKey) {
        String hex = ChainHash.hex(hash);
        String timestamp = at.toString();
        byte[] signature = Ed25519Keys.sign(key, signedBytes(position, hex, timestamp));
        return new Checkpoint(position, hex, timestamp, Ed25519Keys.ALGORITHM, Ed25519Keys.keyId(publicKey),
                              Base64.getEncoder().encodeToString(signature));
    }

    /**
     * The bytes the signature covers: four lines of ASCII, each ended by a line feed:
     * the prefix, the position in decimal, the hash in lower-case hex, the timestamp as written.
     */
    public static byte[] signedBytes(long position, String hashHex, String timestamp) {
        return (SIGNED_PREFIX + "\n" + position + "\n" + hashHex + "\n" + timestamp + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    public byte[] signedBytes() {
        return signedBytes(position, hash, timestamp);
    }

    /** True when the signature is a valid Ed25519 signature by the given key over these fields. */
    public boolean verifiedBy(PublicKey key) {
        if (!Ed25519Keys.ALGORITHM.equals(algorithm) || signature == null || hash == null || timestamp == null) {
            return false;
        }
        try {
            return Ed25519Keys.verify(key, signedBytes(), Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}
