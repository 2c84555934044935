package org.provenance.ledger.audit.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * The secret that authenticates commit seals (HMAC-SHA256, 32 random bytes). Kept beside the signing key in
 * ledger.audit.key-dir ({@value #FILE}, base64, owner-only) and generated there on first start, or given by
 * configuration (ledger.audit.seal-key), never in the database: whoever can write the event table but does
 * not hold this key cannot seal a row.
 */
@Component
public class SealKey {

    static final String FILE = "ledger-seal-key";
    static final String ALGORITHM = "HmacSHA256";

    private static final Logger log = LoggerFactory.getLogger(SealKey.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public SealKey(AuditProperties properties) {
        byte[] secret = properties.sealKey() != null ? decode(properties.sealKey(), "ledger.audit.seal-key")
                : fromFile(properties.keyDir());
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /**
     * A MAC over this key, reset, for the calling thread only: Mac objects are not thread-safe, and looking
     * one up for every commit and every load would cost more than the MAC itself.
     */
    Mac mac() {
        Mac mac = macs.get();
        mac.reset();
        return mac;
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Constant-time comparison, so a forger learns nothing from timing. */
    static boolean same(byte[] a, byte[] b) {
        return a != null && b != null && MessageDigest.isEqual(a, b);
    }

    /** Identifies the key without revealing it: the first 16 hex digits of SHA-256 over the MAC of a fixed label. */
    public String keyId() {
        byte[] tag = mac().doFinal("provenance-ledger seal key id".getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(tag, 0, 8);
    }

    private static byte[] decode(String text, String where) {
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + " is not base64", e);
        }
        if (secret.length < 32) {
            throw new IllegalStateException(where + " must hold at least 32 bytes (base64 of 32 random bytes)");
        }
        return secret;
    }

    private static byte[] fromFile(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            return KeyDirLock.holding(dir, () -> loadOrGenerate(dir, file));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the audit seal key in " + dir.toAbsolutePath(), e);
        }
    }

    private static byte[] loadOrGenerate(Path dir, Path file) throws IOException {
        if (Files.exists(file)) {
            if (posix(file) && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
                log.warn("The audit seal key {} can be read by other users; restrict it with chmod 600",
                         file.toAbsolutePath());
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        }
        return generate(dir, file);
    }

    private static byte[] generate(Path dir, Path file) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            if (posix(dir)) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Path temporary = posix(dir)
                ? Files.createTempFile(dir, ".key-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, ".key-", ".tmp");
        try {
            Files.writeString(temporary, Base64.getEncoder().encodeToString(secret) + "\n", StandardCharsets.US_ASCII);
            if (Files.exists(file)) {
                throw new FileAlreadyExistsException(file.toString());
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        } finally {
            Files.deleteIfExists(temporary);
        }
        log.info("Generated the audit seal key in {}; back up {} with the signing key and keep it private",
                 dir.toAbsolutePath(), FILE);
        return secret;
    }

    static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
