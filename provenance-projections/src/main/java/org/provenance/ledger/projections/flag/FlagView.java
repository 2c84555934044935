package org.provenance.ledger.projections.flag;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A raised flag as SPEC 6 shows it; share is null for flags without one (price). reviews holds
 * every review, oldest first; review is the latest of them, the one that decides the status unless
 * the flag is WITHDRAWN: then withdrawnBy names what withdrew it ("correction/<id>" or
 * "void/<transferId>"). cause names the correction that raised or changed this version (null: the
 * purchase itself).
 */
public record FlagView(String id, String type, BigDecimal share, String status, Subject subject, String lotId,
                       List<Evidence> evidence, String detail, Instant raisedAt, Review review, List<Review> reviews,
                       String withdrawnBy, String cause) {

    public record Subject(String kind, String id) {
    }

    /** country is where the facility is; ownerCountry its controlling owner's country, when recorded. */
    public record Evidence(String facilityId, String country, String ownerCountry, String stage, String lotId) {
    }

    public record Review(String decision, String note, String principal, Instant recordedAt) {
    }
}
