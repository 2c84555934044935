package org.provenance.ledger.api.write;

import org.axonframework.messaging.MetaData;

/**
 * A write made ready to submit: permitted, validated, keyed and fingerprinted, with the command
 * it dispatches. Built by a use case ({@link LedgerWriter#prepare}), submitted alone or in a group.
 *
 * @param kind        what is written
 * @param id          the id the client chose (or, for a write without one, its address and body hash)
 * @param fingerprint SHA-256 of the body in canonical form
 * @param command     the command to dispatch
 * @param origin      who asked and the client's request and correlation ids, taken when the write was
 *                    prepared: a group commit runs the command on another thread, for other callers too
 */
public record Write(WriteKind kind, String id, byte[] fingerprint, Object command, MetaData origin) {

    /** A write whose origin is the current request (or the thread's authentication). */
    public Write(WriteKind kind, String id, byte[] fingerprint, Object command) {
        this(kind, id, fingerprint, command, WriteMetadata.ofCurrentRequest());
    }

    /** The request registry's key: ids are unique per kind. */
    public String key() {
        return kind.type() + ":" + id;
    }

}
