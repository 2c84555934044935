package org.provenance.ledger.composition;

/** Whether a country belongs to the bloc at the instant an evaluation is made for. */
@FunctionalInterface
public interface Membership {

    boolean isMember(String country);
}
