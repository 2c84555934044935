package org.provenance.ledger.policy;

import org.provenance.ledger.composition.Contributor;

import java.math.BigDecimal;
import java.util.List;

/** A policy's verdict on a lot at a date, with why and what upstream facilities caused it. */
public record CheckResult(Verdict verdict, List<Reason> reasons, List<Contributor> evidence) {

    /** code is stable for clients; share is the part of the lot's mass concerned. */
    public record Reason(String code, String detail, BigDecimal share) {
    }
}
