package org.provenance.ledger.bloc;

import java.time.Instant;

public record MembershipEnded(String blocId, String country, Instant effectiveFrom) implements BlocEvent {
}
