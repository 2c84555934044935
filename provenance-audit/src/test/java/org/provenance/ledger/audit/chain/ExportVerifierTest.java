package org.provenance.ledger.audit.chain;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The offline verifier on exports built in memory: every way an export can fail. */
class ExportVerifierTest {

    private static final KeyPair LEDGER = Ed25519Keys.generate();
    private static final Instant SIGNED = Instant.parse("2026-03-02T00:00:00Z");

    private final List<EventRow> events = List.of(event(1), event(2), event(4), event(5));

    @Test
    void a_faithful_export_verifies() {
        ExportVerifier.Verdict verdict = verify(export(0, events), checkpointAt(5));

        assertThat(verdict.verified()).as(verdict.report().toString()).isTrue();
        assertThat(verdict.report()).last().asString().startsWith("VERIFIED");
    }

    @Test
    void a_range_starting_after_a_position_verifies_from_the_previous_hash() {
        assertThat(verify(export(2, events.subList(2, 4)), checkpointAt(4)).verified()).isTrue();
    }

    @Test
    void events_after_the_checkpoint_are_noted_as_not_covered() {
        ExportVerifier.Verdict verdict = verify(export(0, events), checkpointAt(2));

        assertThat(verdict.verified()).isTrue();
        assertThat(verdict.report()).anyMatch(line -> line.contains("not covered by this checkpoint"));
    }

    @Test
    void a_row_marked_forged_fails_as_FORGED_at_its_position() {
        List<String> lines = export(0, events);
        lines.add(3, ExportFormat.marked(ExportFormat.FORGED, event(3), "unsealed"));

        assertFailure(verify(lines, checkpointAt(5)), 3, ExportVerifier.Reason.FORGED);
    }

    @Test
    void a_row_marked_inserted_into_a_skipped_gap_fails_as_INSERTED() {
        List<String> lines = export(0, events);
        lines.add(3, ExportFormat.marked(ExportFormat.INSERTED, event(3), "in a position the chain had skipped"));

        assertFailure(verify(lines, checkpointAt(5)), 3, ExportVerifier.Reason.INSERTED);
    }

    @Test
    void sealed_rows_not_chained_yet_are_counted_and_noted_but_do_not_fail() {
        List<String> lines = export(0, events);
        String end = lines.remove(lines.size() - 1);
        lines.add(ExportFormat.marked(ExportFormat.UNCHAINED, event(6), "sealed, after the chain head"));
        lines.add(end.replace("\"unchained\":0", "\"unchained\":1"));
        lines.set(0, lines.get(0).replace("\"until\":5", "\"until\":6"));

        ExportVerifier.Verdict verdict = verify(lines, checkpointAt(5));

        assertThat(verdict.verified()).as(verdict.report().toString()).isTrue();
        assertThat(verdict.report()).anyMatch(line -> line.contains("1 sealed events after the chain head"));
    }

    @Test
    void an_export_that_lost_its_unchained_rows_is_TRUNCATED() {
        List<String> lines = export(0, events);
        String end = lines.remove(lines.size() - 1);
        lines.add(end.replace("\"unchained\":0", "\"unchained\":2"));

        assertFailure(verify(lines, checkpointAt(5)), -1, ExportVerifier.Reason.TRUNCATED);
    }

    @Test
    void an_altered_payload_fails_at_its_position() {
        List<String> lines = export(0, events);
        EventRow altered = event(4);
        altered.payload()[10] ^= 1;
        lines.set(3, ExportFormat.event(altered, hashes(events).get(2)));

        assertFailure(verify(lines, checkpointAt(5)), 4, ExportVerifier.Reason.ALTERED);
    }

    @Test
    void a_history_rewritten_consistently_fails_against_the_checkpoint() {
        List<EventRow> rewritten = new ArrayList<>(events);
        rewritten.set(1, new EventRow(2, "e-2", "Lot", "lot/L-2", 0, "2026-03-01T00:00:00Z", "Forged", null,
                                      EventEncodingTest.bytes("{\"massKg\":1}"), null));

        assertFailure(verify(export(0, rewritten), checkpointAt(5)), 5, ExportVerifier.Reason.CHECKPOINT_MISMATCH);
    }

    @Test
    void a_checkpoint_signed_by_another_key_fails() {
        KeyPair other = Ed25519Keys.generate();
        Checkpoint forged = Checkpoint.sign(5, hashes(events).get(3), SIGNED, other.getPrivate(), other.getPublic());

        assertFailure(verify(export(0, events), forged), -1, ExportVerifier.Reason.BAD_SIGNATURE);
    }

    @Test
    void a_checkpoint_with_an_altered_field_fails() {
        Checkpoint signed = checkpointAt(5);
        Checkpoint altered = new Checkpoint(4, signed.hash(), signed.timestamp(), signed.algorithm(), signed.keyId(),
                                            signed.signature());

        assertFailure(verify(export(0, events), altered), -1, ExportVerifier.Reason.BAD_SIGNATURE);
    }

    @Test
    void a_checkpoint_outside_the_export_is_not_covered() {
        assertFailure(verify(export(0, events.subList(0, 2)), checkpointAt(5)), 5, ExportVerifier.Reason.NOT_COVERED);
    }

    @Test
    void an_export_cut_short_fails() {
        List<String> lines = export(0, events);
        lines.remove(lines.size() - 1);

        assertFailure(verify(lines, checkpointAt(2)), -1, ExportVerifier.Reason.TRUNCATED);
    }

    @Test
    void a_dropped_event_line_fails() {
        List<String> lines = export(0, events);
        lines.remove(2);

        assertFailure(verify(lines, checkpointAt(5)), 4, ExportVerifier.Reason.ALTERED);
    }

    @Test
    void a_repeated_position_fails() {
        List<String> lines = export(0, events);
        lines.add(2, lines.get(2));

        assertFailure(verify(lines, checkpointAt(5)), 2, ExportVerifier.Reason.OUT_OF_ORDER);
    }

    @Test
    void a_missing_row_reported_by_the_ledger_fails() {
        List<String> lines = export(0, events);
        lines.set(2, ExportFormat.missing(2, hashes(events).get(1)));

        assertFailure(verify(lines, checkpointAt(5)), 2, ExportVerifier.Reason.MISSING);
    }

    @Test
    void lines_that_are_not_the_format_fail() {
        List<String> lines = export(0, events);
        lines.set(2, "{\"kind\": \"event\", \"position\": \"two\"}");
        assertFailure(verify(lines, checkpointAt(5)), -1, ExportVerifier.Reason.MALFORMED);

        lines.set(2, "not json");
        assertFailure(verify(lines, checkpointAt(5)), -1, ExportVerifier.Reason.MALFORMED);

        assertFailure(verify(List.of(), checkpointAt(5)), -1, ExportVerifier.Reason.MALFORMED);
    }

    private static void assertFailure(ExportVerifier.Verdict verdict, long position, ExportVerifier.Reason reason) {
        assertThat(verdict.verified()).as(verdict.report().toString()).isFalse();
        assertThat(verdict.failure().reason()).as(verdict.report().toString()).isEqualTo(reason);
        assertThat(verdict.failure().position()).isEqualTo(position);
        assertThat(verdict.report()).last().asString().startsWith("NOT VERIFIED");
    }

    private ExportVerifier.Verdict verify(List<String> lines, Checkpoint checkpoint) {
        return ExportVerifier.verify(new BufferedReader(new StringReader(String.join("\n", lines) + "\n")),
                                     LEDGER.getPublic(), checkpoint);
    }

    private Checkpoint checkpointAt(long position) {
        List<byte[]> hashes = hashes(events);
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).position() == position) {
                return Checkpoint.sign(position, hashes.get(i), SIGNED, LEDGER.getPrivate(), LEDGER.getPublic());
            }
        }
        throw new IllegalArgumentException("no event at " + position);
    }

    /** An export as the ledger writes it, of the given events (a suffix of {@link #events}). */
    private List<String> export(long after, List<EventRow> rows) {
        List<EventRow> all = new ArrayList<>(events.subList(0, events.size() - rows.size()));
        all.addAll(rows);
        List<byte[]> hashes = hashes(all);
        int skip = all.size() - rows.size();
        byte[] previous = skip == 0 ? ChainHash.genesis() : hashes.get(skip - 1);
        List<String> lines = new ArrayList<>();
        lines.add(ExportFormat.header(after, rows.isEmpty() ? after : rows.get(rows.size() - 1).position(), previous,
                                      SIGNED));
        for (int i = 0; i < rows.size(); i++) {
            lines.add(ExportFormat.event(rows.get(i), hashes.get(skip + i)));
        }
        byte[] last = rows.isEmpty() ? previous : hashes.get(all.size() - 1);
        lines.add(ExportFormat.end(rows.size(), rows.isEmpty() ? after : rows.get(rows.size() - 1).position(), last, 0));
        return lines;
    }

    private static List<byte[]> hashes(List<EventRow> rows) {
        List<byte[]> hashes = new ArrayList<>();
        byte[] previous = ChainHash.genesis();
        for (EventRow row : rows) {
            previous = ChainHash.next(previous, row);
            hashes.add(previous);
        }
        return hashes;
    }

    private static EventRow event(long position) {
        return new EventRow(position, "e-" + position, "Lot", "lot/L-" + position, 0, "2026-03-01T00:00:00Z",
                            "org.provenance.ledger.lot.LotExtracted", null,
                            EventEncodingTest.bytes("{\"lotId\":\"L-" + position + "\",\"massKg\":" + position * 100 + "}"),
                            EventEncodingTest.bytes("{\"principal\":\"anonymous\"}"));
    }
}
