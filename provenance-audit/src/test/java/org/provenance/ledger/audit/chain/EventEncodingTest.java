package org.provenance.ledger.audit.chain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Known answers for docs/AUDIT.md's encoding and chain hash. The expected values were computed by an
 * independent implementation of the document (the Python snippet in AUDIT.md), not by this code.
 */
class EventEncodingTest {

    static final EventRow FIRST = new EventRow(42, "0b6f6d1e-5c7a-4f7e-9d43-2a1c3b4d5e6f", "Lot", "lot/ORE-1", 0,
                                               "2026-03-01T08:00:00.123Z", "org.provenance.ledger.lot.LotExtracted", null,
                                               bytes("{\"lotId\":\"ORE-1\",\"massKg\":700}"),
                                               bytes("{\"principal\":\"anonymous\"}"));

    static final EventRow SECOND = new EventRow(43, FIRST.eventId(), null, FIRST.aggregateId(), 1, FIRST.timestamp(),
                                                FIRST.payloadType(), null, FIRST.payload(), null);

    @Test
    void the_encoding_is_the_documented_byte_layout() {
        byte[] encoding = EventEncoding.encode(FIRST);

        assertThat(encoding).hasSize(214);
        assertThat(ChainHash.hex(encoding).substring(0, 120)).isEqualTo(
                "01" + "000000000000002a" + "00000024" + ChainHash.hex(bytes(FIRST.eventId()))
                        + "00000026" + ChainHash.hex(bytes("org.pro")));
        assertThat(ChainHash.hex(ChainHash.sha256(encoding)))
                .isEqualTo("612503de0005e931004a7cc3e9ecef56f11693234cbfbbd1a2c7d89c6bf3caed");
    }

    @Test
    void the_first_event_links_to_32_zero_bytes_and_each_next_to_the_previous_hash() {
        byte[] first = ChainHash.next(ChainHash.genesis(), FIRST);
        byte[] second = ChainHash.next(first, SECOND);

        assertThat(ChainHash.hex(first)).isEqualTo("6a36a96d9c0f514c62ab747c10ee8a3955ddab65889993be04fefee3077adc16");
        assertThat(ChainHash.hex(second)).isEqualTo("5e013cf279ee20727a87c22f396d2f65fda0eb63e82762eb7cfc1beee3aa1e53");
    }

    @Test
    void moving_bytes_between_adjacent_fields_changes_the_encoding() {
        EventRow a = new EventRow(1, "ab", "T", "lot/X", 0, "t", "P", null, bytes("{}"), null);
        EventRow b = new EventRow(1, "a", "bT", "lot/X", 0, "t", "P", null, bytes("{}"), null);

        assertThat(EventEncoding.encode(a)).isNotEqualTo(EventEncoding.encode(b));
    }

    @Test
    void a_null_field_differs_from_an_empty_one() {
        EventRow none = new EventRow(1, "e", null, "lot/X", 0, "t", "P", null, bytes("{}"), null);
        EventRow empty = new EventRow(1, "e", "", "lot/X", 0, "t", "P", null, bytes("{}"), new byte[0]);

        assertThat(EventEncoding.encode(none)).isNotEqualTo(EventEncoding.encode(empty));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
