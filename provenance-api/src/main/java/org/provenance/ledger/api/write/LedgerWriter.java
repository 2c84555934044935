package org.provenance.ledger.api.write;

import tools.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.provenance.ledger.api.read.ProjectionBarrier;
import org.provenance.ledger.api.web.DatabaseUnavailable;
import org.provenance.ledger.common.LedgerConflictException;
import org.provenance.ledger.common.Refusal;
import org.provenance.ledger.common.ValidatedCommand;
import org.provenance.ledger.common.Validation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one way writes enter the ledger, alone or in a group. A write is keyed by what it creates
 * or records (kind and id): the same key with the same body answers what the first request got,
 * another body is a conflict, and a request that lost a race to an identical one gets the
 * winner's answer.
 * <p>
 * A group of writes is one Axon unit of work around one transaction: each write's command runs
 * in a nested unit of work, so its aggregates stay loaded for the next write of the group and
 * its events join the group's; at commit the event store appends all of them in one call, the
 * registry rows follow in one JDBC batch, and everything commits together. A single write is a
 * group of one. When any write of a group is refused, the group is rolled back and each write
 * tried again on its own, so one bad write refuses only itself (docs/DESIGN.md, "The write path").
 */
@Component
public class LedgerWriter {

    private static final Logger log = LoggerFactory.getLogger(LedgerWriter.class);
    /** A group's unit-of-work resource: each command's id (the events' traceId) to its last event's id. */
    private static final String LAST_EVENTS = LedgerWriter.class.getName() + ".lastEvents";

    /** A write's fate in a group: its receipt, or why it was refused. */
    public record Outcome(WriteReceipt receipt, RuntimeException refusal) {
        static Outcome of(WriteReceipt receipt) {
            return new Outcome(receipt, null);
        }

        static Outcome refused(RuntimeException refusal) {
            return new Outcome(null, refusal);
        }
    }

    private final CommandGateway commands;
    private final RequestRegistry registry;
    private final ProjectionBarrier barrier;
    private final ObjectMapper json;
    private final TransactionManager transactions;

    public LedgerWriter(CommandGateway commands, RequestRegistry registry, ProjectionBarrier barrier, ObjectMapper json,
                        TransactionManager transactions, EventStore eventStore) {
        this.commands = commands;
        this.registry = registry;
        this.barrier = barrier;
        this.json = json;
        this.transactions = transactions;
        eventStore.registerDispatchInterceptor(LedgerWriter::noteLastEvents);
    }

    /**
     * @param kind    what is written: ids are unique per kind
     * @param id      the id the client chose for it
     * @param body    the request as the client sent it, fingerprinted for idempotency
     * @param command the command to dispatch
     */
    public Write prepare(WriteKind kind, String id, Object body, Object command) {
        validate(command);
        return new Write(kind, id, CanonicalJson.sha256(json, body), command);
    }

    /**
     * A write that has no id of its own (a membership change, a price floor, a review): keyed by
     * what it addresses and its body, so the same request repeated is answered once and recorded
     * once, and a different request is a new write.
     */
    public Write prepareByContent(WriteKind kind, String address, Object body, Object command) {
        validate(command);
        byte[] fingerprint = CanonicalJson.sha256(json, body);
        return new Write(kind, address + ":" + HexFormat.of().formatHex(fingerprint, 0, 8), fingerprint, command);
    }

    public WriteReceipt submit(Write write) {
        var earlier = registry.find(write.key());
        if (earlier.isPresent()) {
            return repeat(earlier.get(), write);
        }
        try {
            WriteReceipt receipt = commit(List.of(write)).get(0);
            barrier.noteWrite(receipt.position());
            return receipt;
        } catch (LedgerConflictException e) {
            // An identical request that won the race while this one waited is not a conflict.
            return registry.find(write.key()).map(winner -> repeat(winner, write)).orElseThrow(() -> e);
        } catch (ConcurrencyException | AggregateStreamCreationException | DataIntegrityViolationException e) {
            // The event table's unique key (or the registry's) caught a twin: it committed first.
            log.debug("Write {} lost a race", write.key(), e);
            return registry.find(write.key()).map(winner -> repeat(winner, write)).orElseThrow(
                    () -> new LedgerConflictException(Refusal.CONCURRENT_CHANGE,
                            "another request changed the same records at the same time; nothing was recorded, retry"));
        }
    }

    /**
     * Submits writes as one group, answering each in order. Writes already recorded are answered
     * from the registry (one lookup for all); a key repeated within the group is answered after
     * the group, as its twin's repeat. Once the database is unreachable the rest share that refusal.
     */
    public List<Outcome> submitAll(List<Write> writes) {
        Map<String, RequestRegistry.Entry> earlier;
        try {
            earlier = registry.findAll(writes.stream().map(Write::key).toList());
        } catch (RuntimeException e) {
            return writes.stream().map(w -> Outcome.refused(e)).toList();
        }
        List<Outcome> outcomes = new ArrayList<>(java.util.Collections.nCopies(writes.size(), (Outcome) null));
        List<Integer> fresh = new ArrayList<>();
        List<Integer> twins = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < writes.size(); i++) {
            Write write = writes.get(i);
            RequestRegistry.Entry entry = earlier.get(write.key());
            if (entry != null) {
                outcomes.set(i, attempt(() -> repeat(entry, write)));
            } else if (keys.add(write.key())) {
                fresh.add(i);
            } else {
                twins.add(i);
            }
        }
        if (fresh.size() > 1) {
            try {
                List<WriteReceipt> receipts = commit(fresh.stream().map(writes::get).toList());
                for (int j = 0; j < fresh.size(); j++) {
                    barrier.noteWrite(receipts.get(j).position());
                    outcomes.set(fresh.get(j), Outcome.of(receipts.get(j)));
                }
                fresh.clear();
            } catch (RuntimeException e) {
                log.debug("A group of {} writes was refused; each is tried on its own", fresh.size(), e);
            }
        }
        fresh.addAll(twins);
        RuntimeException outage = null;
        for (int i : fresh) {
            Write write = writes.get(i);
            Outcome outcome = outage != null ? Outcome.refused(outage) : attempt(() -> submit(write));
            if (outcome.refusal() != null && DatabaseUnavailable.causedBy(outcome.refusal())) {
                outage = outcome.refusal();
            }
            outcomes.set(i, outcome);
        }
        return outcomes;
    }

    /**
     * Commits writes as one group inside the caller's transaction (EPCIS capture: a captured event
     * and the ledger events it maps to commit with its storage row). No registry lookup first: the
     * caller writes only what it has not recorded, and a refusal dooms the caller's transaction,
     * which the caller rolls back. Positions are noted with the barrier by the caller once its
     * transaction has committed ({@link ProjectionBarrier#noteWrite}), never before.
     */
    public List<WriteReceipt> commitInCurrentTransaction(List<Write> writes) {
        return commit(writes, new int[1]);
    }

    /** As {@link #commitInCurrentTransaction(List)}; on a refusal, {@code failed[0]} is the index of the refused write. */
    public List<WriteReceipt> commitInCurrentTransaction(List<Write> writes, int[] failed) {
        return commit(writes, failed);
    }

    private List<WriteReceipt> commit(List<Write> writes) {
        return commit(writes, new int[1]);
    }

    private List<WriteReceipt> commit(List<Write> writes, int[] failed) {
        failed[0] = -1;
        MetaData metadata = WriteMetadata.ofCurrentRequest();
        UnitOfWork<?> group = DefaultUnitOfWork.startAndGet(new GenericMessage<>("write group of " + writes.size()));
        try {
            Map<String, String> lastEvents = new HashMap<>();
            group.resources().put(LAST_EVENTS, lastEvents);
            group.attachTransaction(transactions);
            List<String> traces = new ArrayList<>(writes.size());
            List<String> resourceIds = new ArrayList<>(writes.size());
            for (Write write : writes) {
                failed[0]++;
                CommandMessage<?> command = GenericCommandMessage.asCommandMessage(write.command()).andMetaData(metadata);
                resourceIds.add(String.valueOf((Object) commands.sendAndWait(command)));
                traces.add(command.getIdentifier());
            }
            List<WriteReceipt> receipts = new ArrayList<>(writes.size());
            // Registered after the event store's own prepare-commit step (added when the first
            // command's events joined the group), so it runs after the append, in its transaction.
            group.onPrepareCommit(u -> receipts.addAll(
                    registry.recordAll(writes, resourceIds, traces.stream().map(lastEvents::get).toList())));
            failed[0] = writes.size();
            group.commit();
            return receipts;
        } catch (RuntimeException | Error e) {
            if (group.isActive()) {
                group.rollback(e);
            }
            throw e;
        }
    }

    /** Notes, per command, its last event: the group's receipts are read back by these ids. */
    private static java.util.function.BiFunction<Integer, EventMessage<?>, EventMessage<?>> noteLastEvents(
            List<? extends EventMessage<?>> events) {
        return (index, event) -> {
            if (CurrentUnitOfWork.isStarted()) {
                Map<String, String> lastEvents = CurrentUnitOfWork.get().root().getResource(LAST_EVENTS);
                Object trace = event.getMetaData().get(WriteMetadata.TRACE_ID);
                if (lastEvents != null && trace != null) {
                    lastEvents.put(trace.toString(), event.getIdentifier());
                }
            }
            return event;
        };
    }

    private static Outcome attempt(java.util.function.Supplier<WriteReceipt> write) {
        try {
            return Outcome.of(write.get());
        } catch (RuntimeException e) {
            return Outcome.refused(e);
        }
    }

    /**
     * The command bus validates again at dispatch; this runs first so that nothing a command
     * would refuse (an id with a NUL, a name with a control character) reaches the database,
     * not even as the request registry's lookup key.
     */
    private static void validate(Object command) {
        if (command instanceof ValidatedCommand validated) {
            Validation check = Validation.check();
            validated.validate(check);
            check.orThrow();
        }
    }

    private WriteReceipt repeat(RequestRegistry.Entry earlier, Write write) {
        if (!earlier.sameBody(write.fingerprint())) {
            throw new LedgerConflictException(Refusal.ID_IN_USE, "id",
                    write.kind().type() + " " + write.id() + " was already recorded with a different body");
        }
        barrier.noteWrite(earlier.receipt().position());
        return earlier.receipt();
    }
}
