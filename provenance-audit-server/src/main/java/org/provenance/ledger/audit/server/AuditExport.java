package org.provenance.ledger.audit.server;

import org.provenance.ledger.audit.chain.ChainHash;
import org.provenance.ledger.audit.chain.EventRow;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Streams an export batch by batch, of everything the event table holds in the range: chained events, and,
 * marked, the rows the chain does not vouch for, so an offline check fails on them as the server does.
 * Written straight to the client: if anything fails half-way the stream simply stops: the missing end line tells the verifier the export is incomplete.
 */
@Component
public class AuditExport {

    static final int BATCH = 1000;

    private static final Logger log = LoggerFactory.getLogger(AuditExport.class);

    private final AuditChainStore store;
    private final Seals seals;

    public AuditExport(AuditChainStore store, Seals seals) {
        this.store = store;
        this.seals = seals;
    }

    public void write(long after, long until, OutputStream out) {
        long started = System.nanoTime();
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        Cursor cursor = new Cursor(after, store.hashAtOrBefore(after));
        long head = store.head().position();
        try {
            line(writer, ExportFormat.header(after, until, cursor.lastHash, Instant.now()));
            while (cursor.position < until) {
                List<AuditChainStore.Pair> batch = store.merged(cursor.position, until, BATCH);
                if (batch.isEmpty()) {
                    break;
                }
                Map<Long, Seals.Verdict> verdicts = seals.check(batch.stream().map(AuditChainStore.Pair::event)
                                                                     .filter(Objects::nonNull).toList());
                for (AuditChainStore.Pair pair : batch) {
                    line(writer, line(pair, verdicts.get(pair.position()), head, cursor));
                    cursor.position = pair.position();
                }
            }
            line(writer, ExportFormat.end(cursor.events, cursor.lastEvent, cursor.lastHash, cursor.unchained));
            writer.flush();
            log.info("Audit export after position {} up to {}: {} chained events, {} marked, in {} ms", after, until,
                     cursor.events, cursor.marked, (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | UncheckedIOException e) {
            log.info("Audit export after position {} stopped at position {}: the client went away", after,
                     cursor.position);
        } catch (RuntimeException e) {
            log.error("Audit export after position {} failed at position {}; the export was cut short", after,
                      cursor.position, e);
        }
    }

    /** The line for one position: a chained event, or what the chain says about a row it does not vouch for. */
    private String line(AuditChainStore.Pair pair, Seals.Verdict verdict, long head, Cursor cursor) {
        ChainEntry entry = pair.entry();
        EventRow event = pair.event();
        if (event == null) {
            return ExportFormat.missing(entry.position(), entry.hash());
        }
        // A chained row that no longer hashes to its entry goes out as an event: recomputing it offline
        // fails (ALTERED) as the server's verify does. One that still hashes to it but fails its seal was
        // chained by someone else, which only the seal tells: it goes out marked.
        boolean chainedAsIs = entry != null && Arrays.equals(ChainHash.next(cursor.lastHash, event), entry.hash());
        if (!verdict.vouched() && (entry == null || chainedAsIs)) {
            cursor.marked++;
            return ExportFormat.marked(ExportFormat.FORGED, event, verdict.describe());
        }
        if (entry != null) {
            cursor.events++;
            cursor.lastEvent = entry.position();
            cursor.lastHash = entry.hash();
            return ExportFormat.event(event, entry.hash());
        }
        cursor.marked++;
        if (pair.position() > head) {
            cursor.unchained++;
            return ExportFormat.marked(ExportFormat.UNCHAINED, event, "sealed, after the chain head: not chained yet");
        }
        return ExportFormat.marked(ExportFormat.INSERTED, event, store.linkAfter(pair.position()) == pair.position()
                ? "its chain entry is gone" : "in a position the chain had skipped");
    }

    /** Where the export has got to. */
    private static final class Cursor {
        long position;
        long lastEvent;
        long events;
        long marked;
        long unchained;
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
