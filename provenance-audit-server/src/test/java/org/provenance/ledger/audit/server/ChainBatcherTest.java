package org.provenance.ledger.audit.server;

import org.junit.jupiter.api.Test;
import org.provenance.ledger.audit.chain.ChainHash;
import org.provenance.ledger.audit.chain.EventRow;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChainBatcherTest {

    private static final AuditChainStore.Head GENESIS = new AuditChainStore.Head(0, ChainHash.genesis());

    private final List<String> holesAsked = new ArrayList<>();

    @Test
    void consecutive_events_are_chained_each_onto_the_hash_before_it() {
        List<EventRow> events = List.of(event(1), event(2), event(3));

        List<ChainEntry> entries = ChainBatcher.link(GENESIS, events, refuse());

        assertThat(entries).extracting(ChainEntry::position).containsExactly(1L, 2L, 3L);
        assertThat(entries).extracting(ChainEntry::previous).containsExactly(0L, 1L, 2L);
        byte[] hash = ChainHash.genesis();
        for (int i = 0; i < events.size(); i++) {
            hash = ChainHash.next(hash, events.get(i));
            assertThat(entries.get(i).hash()).isEqualTo(hash);
            assertThat(entries.get(i).payloadSha256()).isEqualTo(ChainHash.sha256(events.get(i).payload()));
        }
        assertThat(holesAsked).isEmpty();
    }

    @Test
    void an_event_its_seal_does_not_vouch_for_is_passed_over_at_once_and_never_chained() {
        List<EventRow> events = List.of(event(1), event(2), event(3), event(4));

        List<ChainEntry> entries = ChainBatcher.link(GENESIS, events, refuse(), event -> event.position() != 2);

        assertThat(entries).extracting(ChainEntry::position).containsExactly(1L, 3L, 4L);
        assertThat(entries).extracting(ChainEntry::previous).containsExactly(0L, 1L, 3L);
        assertThat(entries.get(1).hash()).isEqualTo(ChainHash.next(entries.get(0).hash(), events.get(2)));
        assertThat(holesAsked).as("a forged row is not a hole to wait for").isEmpty();
    }

    @Test
    void the_chain_stops_below_a_hole_it_may_not_pass() {
        List<ChainEntry> entries = ChainBatcher.link(GENESIS, List.of(event(1), event(2), event(5), event(6)), refuse());

        assertThat(entries).extracting(ChainEntry::position).containsExactly(1L, 2L);
        assertThat(holesAsked).containsExactly("3-4");
    }

    @Test
    void past_a_hole_the_next_entry_links_to_the_position_below_it() {
        List<EventRow> events = List.of(event(1), event(2), event(5));

        List<ChainEntry> entries = ChainBatcher.link(GENESIS, events, allow());

        assertThat(entries).extracting(ChainEntry::position).containsExactly(1L, 2L, 5L);
        assertThat(entries.get(2).previous()).isEqualTo(2);
        assertThat(entries.get(2).hash()).isEqualTo(ChainHash.next(entries.get(1).hash(), events.get(2)));
    }

    @Test
    void a_round_continues_from_the_chain_head_and_sees_a_hole_right_above_it() {
        byte[] headHash = ChainHash.sha256("head".getBytes(StandardCharsets.UTF_8));
        AuditChainStore.Head head = new AuditChainStore.Head(10, headHash);

        assertThat(ChainBatcher.link(head, List.of(event(13)), refuse())).isEmpty();
        assertThat(holesAsked).containsExactly("11-12");

        List<ChainEntry> entries = ChainBatcher.link(head, List.of(event(11)), refuse());
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.previous()).isEqualTo(10);
            assertThat(entry.hash()).isEqualTo(ChainHash.next(headHash, event(11)));
        });
    }

    private ChainBatcher.Holes refuse() {
        return (from, to) -> {
            holesAsked.add(from + "-" + to);
            return false;
        };
    }

    private ChainBatcher.Holes allow() {
        return (from, to) -> {
            holesAsked.add(from + "-" + to);
            return true;
        };
    }

    private static EventRow event(long position) {
        return new EventRow(position, "event-" + position, "Lot", "lot/ORE-" + position, 0,
                            "2026-03-01T08:00:00.123Z", "org.provenance.ledger.lot.LotExtracted", null,
                            ("{\"lotId\":\"ORE-" + position + "\"}").getBytes(StandardCharsets.UTF_8), null);
    }
}
