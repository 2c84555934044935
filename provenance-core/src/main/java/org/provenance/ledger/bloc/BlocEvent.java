package org.provenance.ledger.bloc;

/** Everything a bloc's stream can hold. */
public sealed interface BlocEvent permits BlocCreated, MemberAdmitted, MembershipEnded, PriceFloorSet {

    String blocId();
}
