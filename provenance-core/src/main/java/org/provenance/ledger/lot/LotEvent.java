package org.provenance.ledger.lot;

import java.time.Instant;

/**
 * Everything a lot's stream can hold. The family is closed, so {@link LotHistory#evolve} is the one
 * fold over it, and every event says which lot and when in business time (the as-of read cuts
 * the stream by it).
 */
public sealed interface LotEvent permits LotExtracted, LotRegistered, LotProduced, LotTransferred, LotConsumed,
        TransferVoided {

    String lotId();

    Instant occurredAt();
}
