package org.provenance.ledger.projections.flag;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A raised flag as SPEC 6 shows it; share is null for flags without one (price). */
public record FlagView(String id, String type, BigDecimal share, String status, Subject subject, String lotId,
                       List<Evidence> evidence, String detail, Instant raisedAt, Review review) {

    public record Subject(String kind, String id) {
    }

    public record Evidence(String facilityId, String country, String stage, String lotId) {
    }

    public record Review(String decision, String note, String reviewer, Instant reviewedAt) {
    }
}
