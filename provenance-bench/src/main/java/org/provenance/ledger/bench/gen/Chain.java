package org.provenance.ledger.bench.gen;

import java.util.List;

/**
 * A self-contained piece of supply chain whose writes must be applied in order (a lot exists
 * before it is transferred or transformed) and that shares nothing with other chains but the
 * facilities and the bloc written by the setup. Chains can therefore be ingested concurrently.
 *
 * @param id             chain id (prefix of every id it creates)
 * @param ops            its writes, in causal order
 * @param stages         how many transformations deep its last lot is
 * @param maxInputs      the most inputs one of its transformations blends
 * @param lastLotId      the lot at the end of the chain (the deepest one)
 * @param expectedEvents events the ledger appends for it (the domain's events per command)
 */
public record Chain(String id, List<Op> ops, int stages, int maxInputs, String lastLotId, int expectedEvents) {
}
