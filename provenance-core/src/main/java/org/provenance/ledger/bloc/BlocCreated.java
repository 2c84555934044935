package org.provenance.ledger.bloc;

public record BlocCreated(String blocId, String name) implements BlocEvent {
}
