package org.provenance.ledger.api.listing;

import org.provenance.ledger.common.FieldError;
import org.provenance.ledger.common.InvalidCommandException;
import org.provenance.ledger.common.Validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The strict query parameters of the lists: enums case-insensitive (SPEC 6), anything else
 * refused with 400 naming every wrong parameter at once, page sizes bounded.
 */
public final class ListParameters {

    public static final int MAX_PAGE_SIZE = 500;

    private final List<FieldError> errors = new ArrayList<>();

    /** The value upper-cased when it is one of the allowed ones; null when absent; an error otherwise. */
    public String oneOf(String name, String value, List<String> allowed) {
        if (value == null) {
            return null;
        }
        String upper = value.strip().toUpperCase(Locale.ROOT);
        if (!allowed.contains(upper)) {
            errors.add(new FieldError(name, "must be one of " + String.join(", ", allowed)));
            return null;
        }
        return upper;
    }

    public <E extends Enum<E>> String oneOf(String name, String value, Class<E> type) {
        return oneOf(name, value, Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
    }

    public String country(String name, String value) {
        if (value == null) {
            return null;
        }
        String upper = value.strip().toUpperCase(Locale.ROOT);
        if (!Validation.isCountry(upper)) {
            errors.add(new FieldError(name, "must be an ISO 3166-1 alpha-2 country code"));
            return null;
        }
        return upper;
    }

    /** An id, or an id prefix: the characters ids are made of, 1 to 128 of them. */
    public String id(String name, String value) {
        if (value != null && !Validation.isId(value)) {
            errors.add(new FieldError(name, "must be 1 to 128 characters of A-Z a-z 0-9 . _ : -"));
            return null;
        }
        return value;
    }

    public Boolean bool(String name, String value) {
        if (value == null) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                errors.add(new FieldError(name, "must be true or false"));
                yield null;
            }
        };
    }

    public void page(int page, int size) {
        if (page < 0) {
            errors.add(new FieldError("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.add(new FieldError("size", "must be between 1 and " + MAX_PAGE_SIZE));
        }
    }

    public void require(boolean condition, String name, String message) {
        if (!condition) {
            errors.add(new FieldError(name, message));
        }
    }

    /** Refuses the request when any parameter was wrong. */
    public void check() {
        if (!errors.isEmpty()) {
            throw new InvalidCommandException(errors);
        }
    }
}
