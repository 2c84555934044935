package org.provenance.ledger.testing;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.provenance.ledger.LedgerDomain;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The write side wired as in production ({@link LedgerDomain#configure}, as the API module's
 * {@code LedgerAxonConfiguration} calls it) but on an in-memory event store, with a tiny given/when/then on top. Unlike {@code AggregateTestFixture},
 * it handles commands that touch many aggregates, which transformations do.
 * <ul>
 *   <li>{@link #given} dispatches commands that must all succeed;</li>
 *   <li>{@link #when} dispatches one command and records what it appended to the event store, or why
 *       it was refused;</li>
 *   <li>the returned {@link Outcome} is the "then".</li>
 * </ul>
 */
public final class InMemoryLedger implements AutoCloseable {

    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private final Configuration configuration;

    public InMemoryLedger() {
        Configurer configurer = DefaultConfigurer.defaultConfiguration().configureEmbeddedEventStore(c -> storage);
        // No flags projection here: every flag a test reviews counts as raised.
        LedgerDomain.configure(configurer, flagId -> true);
        configuration = configurer.buildConfiguration();
        configuration.start();
    }

    /** Commands that set the scene; each must succeed. */
    public InMemoryLedger given(Object... commands) {
        for (Object command : commands) {
            Outcome outcome = when(command);
            if (outcome.refusal() != null) {
                fail("given command " + command + " was refused", outcome.refusal());
            }
        }
        return this;
    }

    /** Dispatches the command and records the events it appended, or the exception that refused it. */
    public Outcome when(Object command) {
        int before = storedEvents().size();
        Throwable refusal = null;
        try {
            configuration.commandGateway().sendAndWait(command);
        } catch (CommandExecutionException e) {
            refusal = e.getCause() != null ? e.getCause() : e;
        } catch (RuntimeException e) {
            refusal = e;
        }
        List<DomainEventMessage<?>> all = storedEvents();
        return new Outcome(refusal, all.subList(before, all.size()));
    }

    /** Every event in the store, in append order. */
    public List<DomainEventMessage<?>> storedEvents() {
        return storage.readEvents(null, false)
                      .<DomainEventMessage<?>>map(event -> (DomainEventMessage<?>) event)
                      .toList();
    }

    @Override
    public void close() {
        configuration.shutdown();
    }

    /** The "then" of a command: the events it appended (payloads and streams), or its refusal. */
    public record Outcome(Throwable refusal, List<DomainEventMessage<?>> appended) {

        public List<Object> events() {
            return appended.stream().map(EventMessage::getPayload).map(Object.class::cast).toList();
        }

        /** The stream each appended event went to, in append order. */
        public List<String> streams() {
            return appended.stream().map(DomainEventMessage::getAggregateIdentifier).toList();
        }

        /** Asserts the command succeeded and appended exactly these events, in this order. */
        public Outcome expectEvents(Object... expected) {
            assertThat(refusal).as("refusal of a command expected to succeed").isNull();
            assertThat(events()).containsExactlyElementsOf(Arrays.asList(expected));
            return this;
        }

        /** Asserts the command was refused and appended nothing at all; returns the refusal. */
        public Throwable expectRefusal() {
            assertThat(refusal).as("refusal").isNotNull();
            assertThat(appended).as("events appended by a refused command").isEmpty();
            return refusal;
        }
    }
}
