package org.provenance.ledger.bench.gen;

/**
 * One write to the ledger, in both of its forms.
 *
 * @param kind   the batch line type: facility, extraction, registration, transformation, transfer,
 *               bloc, admission, price-floor, review
 * @param method the single endpoint's HTTP method (POST or PUT)
 * @param path   the single endpoint's path
 * @param json   the single endpoint's body
 * @param ndjson the same write as one line of POST /api/batches ({"type": kind, ...})
 */
public record Op(String kind, String method, String path, String json, String ndjson) {
}
