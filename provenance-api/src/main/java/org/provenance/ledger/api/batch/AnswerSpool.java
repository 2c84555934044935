package org.provenance.ledger.api.batch;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Holds a batch's answers until they can be sent: in memory while small, in a temporary file
 * once past {@link #IN_MEMORY_LIMIT} (a 100,000-line batch answers about 10 MB), deleted on close.
 */
final class AnswerSpool extends OutputStream {

    static final int IN_MEMORY_LIMIT = 1 << 20;

    private ByteArrayOutputStream memory = new ByteArrayOutputStream(8192);
    private Path file;
    private OutputStream fileOut;

    @Override
    public void write(int b) throws IOException {
        target(1).write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        target(len).write(b, off, len);
    }

    private OutputStream target(int adding) throws IOException {
        if (fileOut != null) {
            return fileOut;
        }
        if (memory.size() + adding <= IN_MEMORY_LIMIT) {
            return memory;
        }
        file = Files.createTempFile("ledger-batch-answers-", ".ndjson");
        fileOut = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
        memory.writeTo(fileOut);
        memory = null;
        return fileOut;
    }

    /** Writes everything spooled so far to out. */
    void sendTo(OutputStream out) throws IOException {
        if (fileOut == null) {
            memory.writeTo(out);
            return;
        }
        fileOut.flush();
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(out);
        }
    }

    @Override
    public void close() throws IOException {
        if (fileOut != null) {
            fileOut.close();
            Files.deleteIfExists(file);
        }
    }
}
