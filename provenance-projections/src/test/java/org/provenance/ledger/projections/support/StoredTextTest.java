package org.provenance.ledger.projections.support;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StoredTextTest {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(StoredText.jsonModule()).build();

    record Named(String name, List<String> aliases) {
    }

    @Property
    void any_text_comes_back_exactly_and_is_stored_without_nul(@ForAll("oddText") String text) {
        String stored = StoredText.encode(text);

        assertThat(stored).doesNotContain("\u0000");
        assertThat(StoredText.decode(stored)).isEqualTo(text);
    }

    @Property
    void json_for_jsonb_never_holds_a_nul_escape_and_reads_back_exactly(@ForAll("oddText") String text) throws Exception {
        String json = JSON.writeValueAsString(new Named(text, List.of(text, "plain")));

        // jsonb refuses the escape of U+0000 as it refuses the character itself.
        assertThat(json).doesNotContain("\\u0000").doesNotContain("\u0000");
        assertThat(JSON.readValue(json, Named.class)).isEqualTo(new Named(text, List.of(text, "plain")));
    }

    @Test
    void ordinary_text_is_stored_as_it_is() {
        for (String text : List.of("", "MINE-1", "Baotou Steel Rare-Earth (Group) Hi-Tech Co., Ltd", "Ünïcødé ✓ 😀")) {
            assertThat(StoredText.encode(text)).isSameAs(text);
        }
        assertThat(StoredText.encode(null)).isNull();
        assertThat(StoredText.decode(null)).isNull();
    }

    @Test
    void the_representation_is_the_documented_one() {
        assertThat(StoredText.encode("a\u0000b")).isEqualTo("a\uE0000000b");
        assertThat(StoredText.encode("\uE000")).isEqualTo("\uE000E000");
        // Text that was never encoded (a hand edit) is shown as it is rather than failing the read.
        assertThat(StoredText.decode("\uE000zz")).isEqualTo("\uE000zz");
    }

    @Provide
    Arbitrary<String> oddText() {
        return Arbitraries.strings().withChars('\u0000', '\uE000', '0', 'E', 'a', '\n', '\u001f', 'F')
                          .withCharRange('\u0000', '\u00ff').ofMaxLength(40);
    }
}
