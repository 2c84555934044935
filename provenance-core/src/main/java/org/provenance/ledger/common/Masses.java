package org.provenance.ledger.common;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Masses are exact decimals of kilograms carried at six decimal places (SPEC 1). */
public final class Masses {

    private Masses() {
    }

    /** The canonical form of a validated mass: scale 6, so equal masses have equal text. */
    public static BigDecimal normalize(BigDecimal kg) {
        return kg == null ? null : kg.setScale(Validation.MASS_SCALE, RoundingMode.UNNECESSARY);
    }
}
