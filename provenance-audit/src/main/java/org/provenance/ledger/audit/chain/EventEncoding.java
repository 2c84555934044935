package org.provenance.ledger.audit.chain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The canonical encoding of an event that the chain hashes (docs/AUDIT.md, "Canonical encoding").
 * Every column of the stored row is covered, each field length-prefixed so that no two different
 * rows can encode to the same bytes. Changing anything here breaks every existing chain: a new
 * encoding needs a new {@link #VERSION}.
 */
public final class EventEncoding {

    public static final int VERSION = 1;

    private static final int NULL_LENGTH = -1;

    private EventEncoding() {
    }

    public static byte[] encode(EventRow event) {
        Buffer out = new Buffer(512 + length(event.payload()) + length(event.metadata()));
        out.write(VERSION);
        out.int64(event.position());
        out.text(event.eventId());
        out.text(event.payloadType());
        out.text(event.payloadRevision());
        out.text(event.aggregateType());
        out.text(event.aggregateId());
        out.int64(event.sequence());
        out.text(event.timestamp());
        out.bytes(event.payload());
        out.bytes(event.metadata());
        return out.toByteArray();
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static final class Buffer extends ByteArrayOutputStream {

        Buffer(int size) {
            super(size);
        }

        void int32(int value) {
            write(value >>> 24);
            write(value >>> 16);
            write(value >>> 8);
            write(value);
        }

        void int64(long value) {
            int32((int) (value >>> 32));
            int32((int) value);
        }

        void text(String value) {
            bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        }

        void bytes(byte[] value) {
            if (value == null) {
                int32(NULL_LENGTH);
            } else {
                int32(value.length);
                writeBytes(value);
            }
        }
    }
}
