package org.provenance.ledger.api.console;

import org.provenance.ledger.common.FieldError;
import org.provenance.ledger.common.LedgerException;

import java.util.LinkedHashMap;
import java.util.Map;

/** A refusal's messages by field, for the templates to show next to each field ("" for the form). */
final class ConsoleErrors {

    private ConsoleErrors() {
    }

    static Map<String, String> byField(LedgerException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldError error : e.errors()) {
            errors.merge(error.field(), error.message(), (a, b) -> a + "; " + b);
        }
        if (errors.isEmpty()) {
            errors.put("", e.getMessage());
        }
        return errors;
    }

    static Map<String, String> of(String field, String message) {
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put(field, message);
        return errors;
    }
}
