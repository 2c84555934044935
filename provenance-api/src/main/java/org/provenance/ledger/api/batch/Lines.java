package org.provenance.ledger.api.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The lines of an NDJSON body as bytes, each bounded in length: a reader of text lines would
 * hold a line of any length in memory and silently replace bytes that are not UTF-8, which the
 * strict reader must see and refuse. A line past the limit is skipped to its end and reported.
 */
final class Lines {

    /** Stands for a line that was longer than the limit. */
    static final byte[] TOO_LONG = new byte[0];

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;

    Lines(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /**
     * Whether more of the body can be read without waiting long for the client. A client sending
     * fast leaves short pauses between its packets, so the stream is given up to about 3 ms
     * before it counts as idle.
     */
    boolean ready() throws IOException {
        for (int i = 0; i < 3; i++) {
            if (position < limit || in.available() > 0) {
                return true;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        }
        return false;
    }

    /** The next line without its LF (and CR), {@link #TOO_LONG}, or null at the end of the body. */
    byte[] next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            if (!tooLong) {
                if (line.size() + (position - start) > maxBytes) {
                    tooLong = true;
                    line.reset();
                } else {
                    line.write(buffer, start, position - start);
                }
            }
            if (position < limit) {
                position++;
                break;
            }
        }
        if (tooLong) {
            return TOO_LONG;
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            return java.util.Arrays.copyOf(bytes, length - 1);
        }
        return bytes;
    }
}
