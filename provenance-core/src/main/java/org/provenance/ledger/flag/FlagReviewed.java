package org.provenance.ledger.flag;

/** reviewer is the principal who recorded the review; it is also in the event's metadata. */
public record FlagReviewed(String flagId, ReviewDecision decision, String note, String reviewer) {
}
