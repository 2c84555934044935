package org.provenance.ledger.api.web;

import java.math.BigDecimal;

/** Response value helpers. */
public final class Json {

    private Json() {
    }

    /** 700.000000 reads better as 700; the value is unchanged. */
    public static BigDecimal number(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros();
    }
}
