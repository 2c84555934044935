package org.provenance.ledger.common;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Collects every problem of a command before refusing it, so a client learns about all its
 * mistakes at once. The rules are the ledger's input rules (SPEC 6): ids, countries, currencies,
 * masses.
 */
public final class Validation {

    public static final int MASS_SCALE = 6;
    /** A billion tonnes: larger masses are typing mistakes, and they keep NUMERIC columns bounded. */
    public static final BigDecimal MAX_MASS_KG = new BigDecimal("1000000000000");

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern MINERAL = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._-]([A-Za-z0-9 ._-]{0,62}[A-Za-z0-9._-])?");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final List<FieldError> errors = new ArrayList<>();

    public static Validation check() {
        return new Validation();
    }

    public static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }

    public static boolean isCountry(String value) {
        return value != null && COUNTRIES.contains(value);
    }

    public static boolean isCurrency(String value) {
        // XXX ("no currency") and XTS (reserved for testing) are ISO codes but never a price's currency.
        if (value == null || !CURRENCY.matcher(value).matches() || value.equals("XXX") || value.equals("XTS")) {
            return false;
        }
        try {
            Currency.getInstance(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public Validation id(String field, String value) {
        if (value == null) {
            return error(field, "is required");
        }
        if (!isId(value)) {
            return error(field, "must be 1 to 128 characters of A-Z a-z 0-9 . _ : -");
        }
        return this;
    }

    /** A one-line text (a name): no control character at all, no unpaired surrogate. */
    public Validation text(String field, String value, int maxLength) {
        return text(field, value, maxLength, false);
    }

    /** A free-text note: like {@link #text} but TAB, LF and CR are allowed (SPEC 7). */
    public Validation note(String field, String value, int maxLength) {
        return text(field, value, maxLength, true);
    }

    private Validation text(String field, String value, int maxLength, boolean multiline) {
        if (value == null || value.isBlank()) {
            return error(field, "is required");
        }
        if (value.length() > maxLength) {
            return error(field, "must be at most " + maxLength + " characters");
        }
        // Judged as recorded: names and notes are stored stripped, so a trailing newline is harmless.
        String refused = refusedCharacter(value.strip(), multiline);
        if (refused != null) {
            return error(field, refused);
        }
        return this;
    }

    /**
     * Why a text cannot be recorded, or null: NUL and the other C0 and C1 control characters and
     * DEL (TAB, LF and CR too unless multiline), and unpaired surrogates. What the ledger accepts,
     * its read models must be able to store and show.
     */
    public static String refusedCharacter(String value, boolean multiline) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain an unpaired surrogate (" + String.format("U+%04X", (int) c) + ")";
            } else if ((c < 0x20 && !(multiline && (c == '\t' || c == '\n' || c == '\r'))) || (c >= 0x7f && c <= 0x9f)) {
                return "must not contain control characters (" + String.format("U+%04X", (int) c) + ")"
                        + (multiline ? "" : "; TAB, LF and CR are allowed in notes only");
            }
        }
        return null;
    }

    public Validation mineral(String field, String value) {
        if (value == null) {
            return error(field, "is required");
        }
        if (!MINERAL.matcher(value).matches()) {
            return error(field, "must be 1 to 32 characters of A-Z a-z 0-9 . _ -");
        }
        return this;
    }

    public Validation form(String field, String value) {
        if (value == null) {
            return error(field, "is required");
        }
        if (!FORM.matcher(value).matches()) {
            return error(field, "must be 1 to 64 characters of A-Z a-z 0-9 . _ - and inner spaces");
        }
        return this;
    }

    public Validation country(String field, String value) {
        if (value == null) {
            return error(field, "is required");
        }
        return optionalCountry(field, value);
    }

    public Validation optionalCountry(String field, String value) {
        if (value != null && !isCountry(value)) {
            return error(field, "must be an ISO 3166-1 alpha-2 country code, e.g. AU");
        }
        return this;
    }

    public Validation currency(String field, String value) {
        if (value == null) {
            return error(field, "is required");
        }
        if (!isCurrency(value)) {
            return error(field, "must be an ISO 4217 currency code, e.g. USD");
        }
        return this;
    }

    /** A positive mass in kilograms with at most six decimal places. */
    public Validation mass(String field, BigDecimal value) {
        if (value == null) {
            return error(field, "is required");
        }
        return positiveDecimal(field, value, MASS_SCALE, MAX_MASS_KG);
    }

    public Validation positiveDecimal(String field, BigDecimal value, int maxScale, BigDecimal max) {
        if (value == null) {
            return error(field, "is required");
        }
        if (value.signum() <= 0) {
            return error(field, "must be greater than 0");
        }
        if (value.stripTrailingZeros().scale() > maxScale) {
            return error(field, "must have at most " + maxScale + " decimal places");
        }
        if (value.compareTo(max) > 0) {
            return error(field, "must be at most " + max.toPlainString());
        }
        return this;
    }

    public Validation present(String field, Object value) {
        if (value == null) {
            return error(field, "is required");
        }
        return this;
    }

    public Validation instant(String field, Instant value) {
        return present(field, value);
    }

    public Validation error(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public void orThrow() {
        if (!errors.isEmpty()) {
            throw new InvalidCommandException(errors);
        }
    }
}
