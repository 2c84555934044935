package org.provenance.ledger.api.write;


/**
 * A write made ready to submit: permitted, validated, keyed and fingerprinted, with the command
 * it dispatches. Built by a use case ({@link LedgerWriter#prepare}), submitted alone or in a group.
 *
 * @param kind        what is written
 * @param id          the id the client chose (or, for a write without one, its address and body hash)
 * @param fingerprint SHA-256 of the body in canonical form
 * @param command     the command to dispatch
 */
public record Write(WriteKind kind, String id, byte[] fingerprint, Object command) {

    /** The request registry's key: ids are unique per kind. */
    public String key() {
        return kind.type() + ":" + id;
    }

}
