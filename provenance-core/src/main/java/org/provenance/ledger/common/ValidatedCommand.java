package org.provenance.ledger.common;

/**
 * A command that can check its own content. The command bus runs {@link #validate()} before the
 * command reaches a handler, so no aggregate is loaded for a malformed command.
 */
public interface ValidatedCommand {

    void validate(Validation check);
}
