package org.provenance.ledger.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the ledger accepts its read models must store and show (SPEC 7): text rules at the domain's edge. */
class TextValidationTest {

    private static boolean name(String value) {
        return !Validation.check().text("name", value, 200).hasErrors();
    }

    private static boolean note(String value) {
        return !Validation.check().note("note", value, 4000).hasErrors();
    }

    @Test
    void a_name_refuses_every_control_character_and_unpaired_surrogates() {
        assertThat(name("Narva Separation")).isTrue();
        assertThat(name("Usine de F\u00e8s \ud83d\ude00")).isTrue();
        for (String bad : new String[] {"a\u0000", "a\tb", "a\nb", "a\rb", "a\u001bb", "a\u007f", "a\u0085", "a\ud800",
                                        "\udc00a", "a\ud83d"}) {
            assertThat(name(bad)).as(bad).isFalse();
        }
    }

    @Test
    void a_note_keeps_tab_and_newlines_but_refuses_the_other_controls() {
        assertThat(note("first line\r\n\tsecond line")).isTrue();
        for (String bad : new String[] {"a\u0000", "a\u001b", "a\u007f", "a\u009f", "a\ud800"}) {
            assertThat(note(bad)).as(bad).isFalse();
        }
    }

    @Test
    void what_is_stripped_before_recording_is_not_refused() {
        assertThat(name("  Kamoto Mine \t\n")).isTrue();
    }

    @Test
    void the_refusal_names_the_character() {
        assertThat(Validation.check().text("name", "Mine\u0000", 200).errors())
                .containsExactly(new FieldError("name", "must not contain control characters (U+0000); "
                        + "TAB, LF and CR are allowed in notes only"));
    }
}
