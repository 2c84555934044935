package org.provenance.ledger.audit.server;

/**
 * Tells a database outage from other failures, so that the chainer can say "paused, the database
 * is unreachable" instead of logging a stack trace. The application provides it (it knows which
 * drivers and frameworks wrap the connection failures); without one, every failure is logged whole.
 */
@FunctionalInterface
public interface DatabaseOutages {

    boolean causedBy(Throwable failure);
}
