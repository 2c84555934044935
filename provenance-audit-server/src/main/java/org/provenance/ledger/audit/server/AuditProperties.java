package org.provenance.ledger.audit.server;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The audit trail's settings.
 *
 * @param keyDir         where the checkpoint signing key pair is kept (generated on first start)
 * @param privateKey     a signing key given by configuration instead (PEM or base64 PKCS#8); needs publicKey
 * @param publicKey      its public key (PEM or base64 X.509 SubjectPublicKeyInfo)
 * @param gapGrace       how long a hole in the global positions may stay open before the chainer treats
 *                       it as a rolled-back write and chains past it; must exceed the longest write
 * @param chainInterval  how often the chainer looks for new events once it has caught up
 * @param chainBatchSize events read and chained per transaction
 * @param sealKey        the commit seal key given by configuration instead of the key-dir file (base64, 32+ bytes)
 * @param verifyInterval how often the background verifier checks what is new, and the next slice of the chain
 * @param verifySlice    chained positions the background verifier re-checks per round (a full pass takes
 *                       chain length / slice rounds)
 * @param verifier       whether the background verifier runs (on by default; off only to measure its cost)
 */
@ConfigurationProperties("ledger.audit")
public record AuditProperties(Path keyDir, String privateKey, String publicKey, Duration gapGrace,
                              Duration chainInterval, Integer chainBatchSize, String sealKey,
                              Duration verifyInterval, Integer verifySlice, Boolean verifier) {

    public AuditProperties {
        keyDir = keyDir == null ? Path.of("data", "keys") : keyDir;
        privateKey = privateKey == null || privateKey.isBlank() ? null : privateKey;
        publicKey = publicKey == null || publicKey.isBlank() ? null : publicKey;
        gapGrace = gapGrace == null ? Duration.ofSeconds(30) : gapGrace;
        chainInterval = chainInterval == null ? Duration.ofMillis(200) : chainInterval;
        chainBatchSize = chainBatchSize == null ? 1000 : chainBatchSize;
        sealKey = sealKey == null || sealKey.isBlank() ? null : sealKey;
        verifyInterval = verifyInterval == null ? Duration.ofSeconds(1) : verifyInterval;
        verifySlice = verifySlice == null ? 5000 : verifySlice;
        verifier = verifier == null || verifier;
        if (verifyInterval.isNegative() || verifyInterval.isZero() || verifySlice < 1) {
            throw new IllegalArgumentException("ledger.audit.verify-interval and verify-slice must be positive");
        }
        if (gapGrace.isNegative() || chainInterval.isNegative() || chainInterval.isZero()) {
            throw new IllegalArgumentException("ledger.audit.gap-grace and chain-interval must be positive");
        }
        if (chainBatchSize < 1 || chainBatchSize > 10_000) {
            throw new IllegalArgumentException("ledger.audit.chain-batch-size must be 1 to 10000");
        }
    }
}
