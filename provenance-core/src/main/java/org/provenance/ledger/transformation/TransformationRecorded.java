package org.provenance.ledger.transformation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A transformation took place: everything the composition of its outputs is computed from.
 * consumedKg and producedKg are the exact totals; producedKg above consumedKg is a mass-balance
 * violation, recorded rather than refused (SPEC 3).
 */
public record TransformationRecorded(String transformationId, String facilityId, Stage stage,
                                     List<Input> inputs, List<Output> outputs,
                                     BigDecimal consumedKg, BigDecimal producedKg, Instant occurredAt) {

    public record Input(String lotId, BigDecimal massKg) {
    }

    public record Output(String lotId, String mineral, String form, BigDecimal massKg) {
    }

    public boolean violatesMassBalance() {
        return producedKg.compareTo(consumedKg) > 0;
    }
}
