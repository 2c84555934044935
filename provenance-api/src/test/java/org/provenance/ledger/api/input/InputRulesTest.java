package org.provenance.ledger.api.input;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InputRulesTest {

    @Test
    void numbers_are_judged_from_their_text_before_any_arithmetic() {
        assertThat(InputRules.numberInRange("700")).isTrue();
        assertThat(InputRules.numberInRange("-0")).isTrue();
        assertThat(InputRules.numberInRange("0e-999999999")).isFalse();
        assertThat(InputRules.numberInRange("0.000000")).isTrue();
        assertThat(InputRules.numberInRange("123456789012345678901234567890.123")).isTrue();
        assertThat(InputRules.numberInRange("1234567890123456789012345678901")).isFalse();
        assertThat(InputRules.numberInRange("1e30")).isFalse();
        assertThat(InputRules.numberInRange("1e29")).isTrue();
        assertThat(InputRules.numberInRange("1e-30")).isTrue();
        assertThat(InputRules.numberInRange("1e-31")).isFalse();
        assertThat(InputRules.numberInRange("1e-400")).isFalse();
        assertThat(InputRules.numberInRange("1E+0000000002")).isTrue();
        assertThat(InputRules.numberInRange("7.0e2")).isTrue();
        assertThat(InputRules.numberInRange("100000e-5")).isTrue();
    }

    @Test
    void a_billion_digit_exponent_costs_nothing() {
        long started = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            assertThat(InputRules.numberInRange("1e1000000000")).isFalse();
            assertThat(InputRules.numberInRange("-1E-1000000000")).isFalse();
        }
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds for 20,000 checks").isLessThan(2_000);
    }

    @Test
    void forbidden_characters_are_found_and_pairs_are_not() {
        assertThat(InputRules.forbiddenCharacter("plain text\twith\r\nlines")).isEqualTo(-1);
        assertThat(InputRules.forbiddenCharacter("\ud83d\ude00")).isEqualTo(-1);
        assertThat(InputRules.forbiddenCharacter("ab\u0000")).isEqualTo(2);
        assertThat(InputRules.forbiddenCharacter("\u0085")).isZero();
        assertThat(InputRules.forbiddenCharacter("x\ud800y")).isEqualTo(1);
        assertThat(InputRules.forbiddenCharacter("\udc00")).isZero();
        assertThat(InputRules.printable("a\u0000b")).isEqualTo("a\\u0000b");
    }
}
