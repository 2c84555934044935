package org.provenance.ledger.audit.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An exclusive lock on the key directory while a key is looked for and, if missing, generated: several
 * ledger nodes sharing one key directory (one volume) that start at the same moment must end up with
 * one key, not each its own (a node sealing with another key than the file holds would have its rows
 * reported FORGED by every other node). The lock is the operating system's file lock on
 * {@value #FILE}, released when the block ends or the process dies.
 */
final class KeyDirLock {

    static final String FILE = ".key-generation.lock";

    @FunctionalInterface
    interface Work<T> {
        T run() throws IOException;
    }

    private KeyDirLock() {
    }

    static <T> T holding(Path dir, Work<T> work) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            if (SealKey.posix(dir)) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        }
        try (FileChannel channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            return work.run();
        }
    }
}
