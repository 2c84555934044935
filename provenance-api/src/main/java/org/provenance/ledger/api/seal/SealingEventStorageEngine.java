package org.provenance.ledger.api.seal;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.provenance.ledger.audit.server.Seals;
import org.provenance.ledger.audit.server.TamperAlarm;
import org.provenance.ledger.audit.server.TamperedStreamException;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Axon's JDBC event storage with commit seals (docs/AUDIT.md, "Seals").
 * <p>
 * Every append is sealed in its own transaction: one seal for all the events of the call, however many
 * commands or streams they come from (a group commit or a batch hands over many at once). Appends and
 * loads touching a stream under an unacknowledged tampering finding are refused. Loading a stream checks
 * the seal of each event it reads, and that the bytes Axon hands to the aggregate are the sealed ones, so
 * an event changed in the database never drives a decision; snapshots, which carry no seal, are never read.
 */
public class SealingEventStorageEngine extends JdbcEventStorageEngine {

    private final Seals seals;
    private final TamperAlarm alarm;
    private final TransactionManager transactions;

    public SealingEventStorageEngine(Builder builder, Seals seals, TamperAlarm alarm, TransactionManager transactions) {
        super(builder);
        this.seals = seals;
        this.alarm = alarm;
        this.transactions = transactions;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        alarm.refuseIfAffected(streams(events));
        // Joins the unit of work's transaction: the events and their seal commit, or roll back, together.
        transactions.executeInTransaction(() -> {
            super.appendEvents(events, serializer);
            seals.seal(events.stream().map(EventMessage::getIdentifier).toList());
        });
    }

    /**
     * The ledger takes no snapshots, and a snapshot row carries no seal: one planted in the table would
     * stand in for the stream's sealed events (Axon reads a snapshot first), so none is ever read. It
     * also spares every load from the table a query.
     */
    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return Optional.empty();
    }

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier, long firstSequenceNumber,
                                                                   int batchSize) {
        alarm.refuseIfAffected(List.of(aggregateIdentifier));
        List<? extends DomainEventData<?>> events = super.fetchDomainEvents(aggregateIdentifier, firstSequenceNumber,
                                                                            batchSize);
        if (!events.isEmpty()) {
            check(aggregateIdentifier, events);
        }
        return events;
    }

    private void check(String stream, List<? extends DomainEventData<?>> events) {
        Map<String, Seals.Checked> checked = seals.checkEvents(events.stream().map(DomainEventData::getEventIdentifier)
                                                                     .toList());
        for (DomainEventData<?> event : events) {
            Seals.Checked stored = checked.get(event.getEventIdentifier());
            String problem = stored == null ? "the event row changed while it was read"
                    : !stored.verdict().vouched() ? stored.verdict().describe()
                    : !same(event.getPayload(), stored.row().payload()) || !same(event.getMetaData(), stored.row().metadata())
                    ? "the bytes read differ from the row as sealed" : null;
            if (problem != null) {
                long position = stored == null ? -1 : stored.row().position();
                String detail = "stream " + stream + ", sequence " + event.getSequenceNumber() + ": " + problem;
                alarm.raise(position, "FORGED", detail, Set.of(stream));
                // Refused even once acknowledged: an acknowledgement does not make the row what the ledger wrote.
                throw new TamperedStreamException(new TamperAlarm.Finding(position, "FORGED", detail, Set.of(stream),
                                                                         Instant.now()));
            }
        }
    }

    private static boolean same(SerializedObject<?> serialized, byte[] stored) {
        Object data = serialized == null ? null : serialized.getData();
        if (data == null || stored == null) {
            return data == null && stored == null;
        }
        return data instanceof byte[] bytes && Arrays.equals(bytes, stored);
    }

    private static Set<String> streams(List<? extends EventMessage<?>> events) {
        Set<String> streams = new LinkedHashSet<>();
        for (EventMessage<?> event : events) {
            streams.add(event instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null
                    ? domain.getAggregateIdentifier() : event.getIdentifier());
        }
        return streams;
    }
}
