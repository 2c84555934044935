package org.provenance.ledger.audit.server;

/**
 * One row of audit_chain.
 *
 * @param position      the event's global position
 * @param previous      the position this entry links to (0 for the first)
 * @param hash          the chain hash at this position
 * @param payloadSha256 SHA-256 of the event's payload bytes (diagnostics only, not chained)
 */
public record ChainEntry(long position, long previous, byte[] hash, byte[] payloadSha256) {
}
