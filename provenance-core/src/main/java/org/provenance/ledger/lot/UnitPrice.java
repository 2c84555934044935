package org.provenance.ledger.lot;

import java.math.BigDecimal;

/** A price per kilogram in an ISO 4217 currency. */
public record UnitPrice(BigDecimal amount, String currency) {
}
