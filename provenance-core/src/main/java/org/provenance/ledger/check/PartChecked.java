package org.provenance.ledger.check;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A part (or delivery) of many lots was checked against a policy (SPEC 13). Who ran it and when
 * are in the event's metadata; the payload holds the inputs, the SHA-256 of the answer, and the
 * signed receipt exactly as the client got it, so that the receipt can be served again and the
 * audit chain covers it.
 *
 * @param asOf      the check date the client asked for, or null for "when it ran"
 * @param items     the lots and masses as given (massKg null: the lot's initial mass was used)
 * @param receipt   the signed receipt, JSON text (docs/DESIGN.md, "Part checks and receipts")
 */
public record PartChecked(String checkId, String policy, Instant asOf, String reference, List<Item> items,
                          String answerSha256, String receipt) {

    public record Item(String lotId, BigDecimal massKg) {
    }
}
