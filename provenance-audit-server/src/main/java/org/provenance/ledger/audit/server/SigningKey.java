package org.provenance.ledger.audit.server;

import org.provenance.ledger.audit.chain.CheckReceipt;
import org.provenance.ledger.audit.chain.Checkpoint;
import org.provenance.ledger.audit.chain.Ed25519Keys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Set;

/**
 * The ledger's checkpoint signing key (Ed25519). Given by configuration, or kept in two PEM files
 * in ledger.audit.key-dir and generated there on first start. The private key file is created
 * owner-only (600) before any key material is written to it.
 */
@Component
public class SigningKey {

    static final String PRIVATE_FILE = "ledger-signing-key.pem";
    static final String PUBLIC_FILE = "ledger-signing-key.pub.pem";

    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    public SigningKey(AuditProperties properties) {
        KeyPair pair = properties.privateKey() != null || properties.publicKey() != null
                ? configured(properties) : fromFiles(properties.keyDir());
        this.privateKey = pair.getPrivate();
        this.publicKey = pair.getPublic();
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return Ed25519Keys.keyId(publicKey);
    }

    public Checkpoint checkpoint(long position, byte[] hash, Instant at) {
        return Checkpoint.sign(position, hash, at, privateKey, publicKey);
    }

    /** The signed receipt of a part check, as JSON text ({@link CheckReceipt}). */
    public String signReceipt(tools.jackson.databind.JsonNode check) {
        return CheckReceipt.sign(check, privateKey, publicKey);
    }

    private static KeyPair configured(AuditProperties properties) {
        if (properties.privateKey() == null || properties.publicKey() == null) {
            throw new IllegalStateException("ledger.audit.private-key and ledger.audit.public-key must be set together");
        }
        KeyPair pair = new KeyPair(Ed25519Keys.publicKey(properties.publicKey()),
                                   Ed25519Keys.privateKey(properties.privateKey()));
        requireMatch(pair, "ledger.audit.private-key and ledger.audit.public-key");
        log.info("Audit checkpoints are signed with the configured Ed25519 key {}", Ed25519Keys.keyId(pair.getPublic()));
        return pair;
    }

    private static KeyPair fromFiles(Path dir) {
        Path privateFile = dir.resolve(PRIVATE_FILE);
        Path publicFile = dir.resolve(PUBLIC_FILE);
        try {
            return KeyDirLock.holding(dir, () -> Files.exists(privateFile) ? load(privateFile, publicFile)
                    : generate(dir, privateFile, publicFile));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the audit signing key in " + dir.toAbsolutePath(), e);
        }
    }

    private static KeyPair load(Path privateFile, Path publicFile) throws IOException {
        if (!Files.exists(publicFile)) {
            throw new IllegalStateException("The audit signing key " + privateFile.toAbsolutePath() + " has no public key "
                                                    + "file " + publicFile.getFileName() + " beside it");
        }
        if (posix(privateFile) && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(privateFile))) {
            log.warn("The audit signing key {} can be read by other users; restrict it with chmod 600",
                     privateFile.toAbsolutePath());
        }
        KeyPair pair = new KeyPair(Ed25519Keys.publicKey(Files.readString(publicFile, StandardCharsets.US_ASCII)),
                                   Ed25519Keys.privateKey(Files.readString(privateFile, StandardCharsets.US_ASCII)));
        requireMatch(pair, privateFile + " and " + publicFile.getFileName());
        log.info("Audit checkpoints are signed with Ed25519 key {} from {}", Ed25519Keys.keyId(pair.getPublic()),
                 privateFile.getParent().toAbsolutePath());
        return pair;
    }

    /**
     * The public file is written first and the private file moved into place last, so a private key
     * file on disk always has its public half beside it, even after a crash half-way.
     */
    private static KeyPair generate(Path dir, Path privateFile, Path publicFile) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            if (posix(dir)) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        }
        KeyPair pair = Ed25519Keys.generate();
        writeAtomically(dir, publicFile, Ed25519Keys.pem(pair.getPublic()), false);
        try {
            writeAtomically(dir, privateFile, Ed25519Keys.pem(pair.getPrivate()), true);
        } catch (FileAlreadyExistsException raced) {
            // Another process sharing this directory generated a key at the same moment: use its key
            // (load refuses it if the public file beside it is not its other half).
            return load(privateFile, publicFile);
        }
        log.info("Generated the audit signing key {} (Ed25519) in {}; back up {} and keep it private",
                 Ed25519Keys.keyId(pair.getPublic()), dir.toAbsolutePath(), PRIVATE_FILE);
        return pair;
    }

    private static void writeAtomically(Path dir, Path target, String content, boolean secret) throws IOException {
        Path temporary = posix(dir) && secret
                ? Files.createTempFile(dir, ".key-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, ".key-", ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            if (secret) {
                // ATOMIC_MOVE without REPLACE_EXISTING may still replace on some systems: check first.
                if (Files.exists(target)) {
                    throw new FileAlreadyExistsException(target.toString());
                }
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } else {
                if (posix(dir)) {
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
                }
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void requireMatch(KeyPair pair, String where) {
        if (!Ed25519Keys.matches(pair.getPrivate(), pair.getPublic())) {
            throw new IllegalStateException(where + " are not the two halves of one Ed25519 key pair");
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
