package org.provenance.ledger.audit.chain;

import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks an export against a signed checkpoint with nothing but the export, the checkpoint and the
 * ledger's public key: no server, no database. The export's own hashes are never trusted: every
 * hash is recomputed from the exported rows, and only the checkpoint's signed hash vouches for them.
 * Reads line by line, so an export of any size fits in memory.
 */
public final class ExportVerifier {

    /** Why an export did not verify. */
    public enum Reason {
        /** a line is not what the export format says */
        MALFORMED,
        /** an event's recomputed hash differs from the hash the ledger chained for it */
        ALTERED,
        /** the ledger has a chain entry at a position whose event row is gone */
        MISSING,
        /** the event table holds a row the ledger did not seal, or whose seal does not match it */
        FORGED,
        /** the event table holds a sealed row in a position the chain had skipped */
        INSERTED,
        /** positions are not strictly increasing, or lie outside the export's range */
        OUT_OF_ORDER,
        /** the export ends without its end line, or the end line does not match what came before */
        TRUNCATED,
        /** the checkpoint's signature does not verify with the public key */
        BAD_SIGNATURE,
        /** the checkpoint's position is not inside the export */
        NOT_COVERED,
        /** the recomputed hash at the checkpoint's position differs from the signed one */
        CHECKPOINT_MISMATCH
    }

    public record Failure(long position, Reason reason, String detail) {
        @Override
        public String toString() {
            return (position >= 0 ? "position " + position + ": " : "") + reason + ": " + detail;
        }
    }

    /**
     * @param verified  true when the history up to the checkpoint is exactly what the ledger signed
     * @param report    what was checked, one finding a line, for people
     * @param failure   the first thing that did not verify, or null
     */
    public record Verdict(boolean verified, List<String> report, Failure failure) {
    }

    private ExportVerifier() {
    }

    public static Verdict verify(BufferedReader export, PublicKey publicKey, Checkpoint checkpoint) {
        List<String> report = new ArrayList<>();
        String keyId = Ed25519Keys.keyId(publicKey);
        if (!checkpoint.verifiedBy(publicKey)) {
            String signer = checkpoint.keyId() != null && !checkpoint.keyId().equals(keyId)
                    ? " (the checkpoint names key " + checkpoint.keyId() + ", the public key given is " + keyId + ")"
                    : "";
            return fail(report, -1, Reason.BAD_SIGNATURE,
                        "the checkpoint's signature does not verify with the public key" + signer
                                + ": it was altered or signed by another key");
        }
        report.add("checkpoint: position " + checkpoint.position() + ", hash " + checkpoint.hash() + ", signed "
                           + checkpoint.timestamp() + " by key " + keyId + ": signature valid");
        try {
            return verifyLines(export, checkpoint, report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Verdict verifyLines(BufferedReader export, Checkpoint checkpoint, List<String> report)
            throws IOException {
        long lineNumber = 0;
        JsonNode header = null;
        long after = 0;
        long until = 0;
        byte[] previous = null;
        long lastPosition = 0;
        long events = 0;
        long unchained = 0;
        long lastSeen = 0;
        byte[] atCheckpoint = null;
        boolean ended = false;

        String text;
        while ((text = export.readLine()) != null) {
            lineNumber++;
            if (text.isBlank()) {
                continue;
            }
            JsonNode line;
            try {
                line = ExportFormat.parse(text);
            } catch (IllegalArgumentException e) {
                return fail(report, -1, Reason.MALFORMED, "line " + lineNumber + " is " + e.getMessage());
            }
            String kind = ExportFormat.kind(line);
            if (ended) {
                return fail(report, -1, Reason.MALFORMED, "line " + lineNumber + " follows the end line");
            }
            try {
                if (header == null) {
                    if (!ExportFormat.HEADER.equals(kind)
                            || !ExportFormat.FORMAT.equals(ExportFormat.text(line, "format", true))
                            || ExportFormat.number(line, "version") != ExportFormat.VERSION
                            || ExportFormat.number(line, "encoding") != EventEncoding.VERSION) {
                        return fail(report, -1, Reason.MALFORMED, "the first line is not a " + ExportFormat.FORMAT
                                + " version " + ExportFormat.VERSION + " header with encoding " + EventEncoding.VERSION);
                    }
                    header = line;
                    after = ExportFormat.number(line, "after");
                    until = ExportFormat.number(line, "until");
                    previous = ExportFormat.hash(line, "previousHash");
                    lastPosition = after;
                    lastSeen = after;
                    if (checkpoint.position() == after) {
                        atCheckpoint = previous;
                    }
                    continue;
                }
                switch (kind) {
                    case ExportFormat.EVENT -> {
                        EventRow event = ExportFormat.eventRow(line);
                        long position = event.position();
                        if (position <= lastSeen || position > until) {
                            return fail(report, position, Reason.OUT_OF_ORDER, "follows position " + lastSeen
                                    + " in an export of positions after " + after + " up to " + until);
                        }
                        byte[] hash = ChainHash.next(previous, event);
                        if (!Arrays.equals(hash, ExportFormat.hash(line, "hash"))) {
                            return fail(report, position, Reason.ALTERED, "the hash recomputed from the exported "
                                    + "event differs from the hash the ledger chained for it: the event, or one "
                                    + "before it, is not what was chained");
                        }
                        previous = hash;
                        lastPosition = position;
                        lastSeen = position;
                        events++;
                        if (position == checkpoint.position()) {
                            atCheckpoint = hash;
                        }
                    }
                    case ExportFormat.MISSING -> {
                        return fail(report, ExportFormat.number(line, "position"), Reason.MISSING,
                                    "the ledger chained an event at this position but its row is gone from the "
                                            + "event store");
                    }
                    case ExportFormat.FORGED -> {
                        return fail(report, ExportFormat.eventRow(line).position(), Reason.FORGED,
                                    "the event table holds a row the ledger did not seal, or whose seal does not "
                                            + "match it (" + ExportFormat.text(line, "reason", false) + "): it was "
                                            + "written or changed by someone other than the ledger");
                    }
                    case ExportFormat.INSERTED -> {
                        return fail(report, ExportFormat.eventRow(line).position(), Reason.INSERTED,
                                    "the event table holds a row in a position the chain had skipped ("
                                            + ExportFormat.text(line, "reason", false) + ")");
                    }
                    case ExportFormat.UNCHAINED -> {
                        long position = ExportFormat.eventRow(line).position();
                        if (position <= lastSeen || position > until) {
                            return fail(report, position, Reason.OUT_OF_ORDER, "follows position " + lastSeen
                                    + " in an export of positions after " + after + " up to " + until);
                        }
                        lastSeen = position;
                        unchained++;
                    }
                    case ExportFormat.END -> {
                        JsonNode endUnchained = line.get("unchained");
                        if (endUnchained != null && ExportFormat.number(line, "unchained") != unchained) {
                            return fail(report, -1, Reason.TRUNCATED, "the end line counts " + endUnchained
                                    + " unchained events, but the export holds " + unchained);
                        }
                        if (ExportFormat.number(line, "events") != events
                                || ExportFormat.number(line, "lastPosition") != lastPosition
                                || !Arrays.equals(ExportFormat.hash(line, "lastHash"), previous)) {
                            return fail(report, -1, Reason.TRUNCATED, "the end line counts " + line.path("events")
                                    + " events up to position " + line.path("lastPosition") + ", but the export "
                                    + "holds " + events + " up to position " + lastPosition);
                        }
                        ended = true;
                    }
                    default -> {
                        return fail(report, -1, Reason.MALFORMED, "line " + lineNumber + " has unknown kind '"
                                + kind + "'");
                    }
                }
            } catch (IllegalArgumentException e) {
                return fail(report, -1, Reason.MALFORMED, "line " + lineNumber + ": " + e.getMessage());
            }
        }
        if (header == null) {
            return fail(report, -1, Reason.MALFORMED, "the export is empty");
        }
        if (!ended) {
            return fail(report, -1, Reason.TRUNCATED, "the export ends after position " + lastPosition
                    + " without its end line: it was cut short");
        }
        report.add("export: " + events + " events, positions after " + after + " up to " + lastPosition
                           + ", every hash recomputed and linked from previous hash "
                           + abbreviate(header.path("previousHash").asString()));
        if (unchained > 0) {
            report.add("note: " + unchained + " sealed events after the chain head are not chained yet; no "
                               + "checkpoint covers them");
        }
        if (atCheckpoint == null) {
            return fail(report, checkpoint.position(), Reason.NOT_COVERED, "the checkpoint's position is not "
                    + "in the export (positions after " + after + " up to " + until + "); export a range that "
                    + "contains it");
        }
        if (!Arrays.equals(atCheckpoint, ChainHash.parseHex(checkpoint.hash()))) {
            return fail(report, checkpoint.position(), Reason.CHECKPOINT_MISMATCH, "the hash recomputed at the "
                    + "checkpoint's position differs from the one the ledger signed at " + checkpoint.timestamp()
                    + ": the history up to it was rewritten");
        }
        if (lastPosition > checkpoint.position()) {
            report.add("note: events after position " + checkpoint.position() + " link correctly but are not "
                               + "covered by this checkpoint; verify them against a later one");
        }
        report.add("VERIFIED: the history after position " + after + " up to position " + checkpoint.position()
                           + " is exactly what the ledger signed at " + checkpoint.timestamp());
        return new Verdict(true, List.copyOf(report), null);
    }

    private static String abbreviate(String hash) {
        return hash.length() > 16 ? hash.substring(0, 16) + "..." : hash;
    }

    private static Verdict fail(List<String> report, long position, Reason reason, String detail) {
        Failure failure = new Failure(position, reason, detail);
        report.add("NOT VERIFIED: " + failure);
        return new Verdict(false, List.copyOf(report), failure);
    }
}
