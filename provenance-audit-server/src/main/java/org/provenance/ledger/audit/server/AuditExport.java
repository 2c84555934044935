package org.provenance.ledger.audit.server;

import org.provenance.ledger.audit.chain.ExportFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Streams an export batch by batch straight to the client. If anything fails half-way the stream
 * simply stops: the missing end line tells the verifier the export is incomplete.
 */
@Component
public class AuditExport {

    static final int BATCH = 1000;

    private static final Logger log = LoggerFactory.getLogger(AuditExport.class);

    private final AuditChainStore store;

    public AuditExport(AuditChainStore store) {
        this.store = store;
    }

    public void write(long after, long until, OutputStream out) {
        long started = System.nanoTime();
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        Cursor cursor = new Cursor(after, store.hashAtOrBefore(after));
        try {
            line(writer, ExportFormat.header(after, until, cursor.lastHash, Instant.now()));
            while (cursor.position < until) {
                long from = cursor.position;
                store.chained(from, until, BATCH, (entry, event) -> {
                    cursor.position = entry.position();
                    if (event == null) {
                        line(writer, ExportFormat.missing(entry.position(), entry.hash()));
                        return;
                    }
                    line(writer, ExportFormat.event(event, entry.hash()));
                    cursor.events++;
                    cursor.lastEvent = entry.position();
                    cursor.lastHash = entry.hash();
                });
                if (cursor.position == from) {
                    break;
                }
            }
            line(writer, ExportFormat.end(cursor.events, cursor.lastEvent, cursor.lastHash));
            writer.flush();
            log.info("Audit export after position {} up to {}: {} events in {} ms", after, until, cursor.events,
                     (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | UncheckedIOException e) {
            log.info("Audit export after position {} stopped at position {}: the client went away", after,
                     cursor.position);
        } catch (RuntimeException e) {
            log.error("Audit export after position {} failed at position {}; the export was cut short", after,
                      cursor.position, e);
        }
    }

    /** Where the export has got to. */
    private static final class Cursor {
        long position;
        long lastEvent;
        long events;
        byte[] lastHash;

        Cursor(long after, byte[] previousHash) {
            this.position = after;
            this.lastEvent = after;
            this.lastHash = previousHash;
        }
    }

    private static void line(BufferedWriter writer, String line) {
        try {
            writer.write(line);
            writer.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
