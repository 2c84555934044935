package org.provenance.ledger.api.input;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The bounds of what the ledger reads from a client, checked on the raw input before anything
 * is computed from it. They are far wider than any domain rule (masses and prices stop at 10^12
 * with 6 decimals) and exist so that a few bytes cannot cost seconds or gigabytes: a BigDecimal
 * of 1e1000000000 is cheap to hold but a billion digits to print.
 */
public final class InputRules {

    /** Digits before the decimal point, and after it, that a number may have. */
    public static final int MAX_INTEGER_DIGITS = 30;
    public static final int MAX_DECIMAL_PLACES = 30;
    /** An exponent of more digits than this is out of range whatever the mantissa. */
    private static final int MAX_EXPONENT_DIGITS = 4;

    /**
     * Business dates (occurredAt, effectiveFrom) lie in years 1900 to 9999: older dates predate
     * any traceable supply chain, later ones have no four-digit year, and the range sits well
     * inside what PostgreSQL's timestamptz and ISO-8601 text both hold.
     */
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /** Whole request bodies and batch lines: a transformation of 1000 inputs and outputs is ~150 KB. */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    public static final int MAX_STRING_CHARS = 100_000;
    public static final int MAX_NESTING_DEPTH = 64;

    public static final String NUMBER_RANGE = "must be a number with at most " + MAX_INTEGER_DIGITS
            + " digits before and " + MAX_DECIMAL_PLACES + " after the decimal point";
    public static final String INSTANT_FORMAT = "must be an ISO-8601 instant with an offset or Z, e.g. 2026-01-01T00:00:00Z";
    public static final String INSTANT_RANGE = "must be between 1900-01-01T00:00:00Z and 9999-12-31T23:59:59Z";

    private InputRules() {
    }

    /**
     * Whether a JSON number, as written, is within range. Looks at the exponent's digits before
     * building a BigDecimal, and builds it only from text the parser already bounded in length.
     */
    public static boolean numberInRange(String text) {
        int e = Math.max(text.indexOf('e'), text.indexOf('E'));
        if (e >= 0) {
            int digits = e + 1;
            if (digits < text.length() && (text.charAt(digits) == '+' || text.charAt(digits) == '-')) {
                digits++;
            }
            while (digits < text.length() - 1 && text.charAt(digits) == '0') {
                digits++;
            }
            if (text.length() - digits > MAX_EXPONENT_DIGITS) {
                return false;
            }
        }
        BigDecimal value = new BigDecimal(text);
        if (value.signum() == 0) {
            return true;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.precision() - stripped.scale() <= MAX_INTEGER_DIGITS && stripped.scale() <= MAX_DECIMAL_PLACES;
    }

    /**
     * The first character a text may not hold, or -1: NUL and the other C0 and C1 control
     * characters, DEL, and halves of surrogate pairs standing alone. TAB, LF and CR pass here;
     * the domain allows them in free-text notes only.
     */
    public static int forbiddenCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f)) {
                return i;
            }
        }
        return -1;
    }

    public static String describeForbidden(String text, int index) {
        char c = text.charAt(index);
        String code = String.format("U+%04X", (int) c);
        return Character.isSurrogate(c) ? "must not contain an unpaired surrogate (" + code + ")"
                : "must not contain control characters (" + code + ")";
    }

    /** A field name as the client wrote it, safe to echo back: controls escaped, length bounded. */
    public static String printable(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length() && sb.length() < 64; i++) {
            char c = name.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || Character.isSurrogate(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (sb.length() >= 64 && name.length() > 64) {
            sb.append("...");
        }
        return sb.toString();
    }
}
