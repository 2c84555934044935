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
import org.provenance.ledger.common.LedgerException;
import org.provenance.ledger.common.Refusal;
import org.provenance.ledger.common.ValidatedCommand;
import org.provenance.ledger.common.Validation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;

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
 * Concurrent single writes are grouped the same way by {@link GroupCommit}, and facilities and lots
 * come from the {@link AggregateCache}, whose hits each group checks before it appends.
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
    private final AggregateCache cache;
    /** Null when group commit is off (ledger.write.group-commit=false). */
    private final GroupCommit groupCommit;

    public LedgerWriter(CommandGateway commands, RequestRegistry registry, ProjectionBarrier barrier, ObjectMapper json,
                        TransactionManager transactions, EventStore eventStore, AggregateCache cache,
                        @Value("${ledger.write.group-commit:true}") boolean groupCommit,
                        ObjectProvider<MeterRegistry> meters) {
        this.commands = commands;
        this.registry = registry;
        this.barrier = barrier;
        this.json = json;
        this.transactions = transactions;
        this.cache = cache;
        eventStore.registerDispatchInterceptor(LedgerWriter::noteLastEvents);
        this.groupCommit = groupCommit ? new GroupCommit(this::submitAll, meters.getIfAvailable()) : null;
    }

    @PreDestroy
    void stopGroupCommit() {
        if (groupCommit != null) {
            groupCommit.stop();
        }
    }

    /** Single writes waiting for the group commit thread (0 when group commit is off). */
    public int queuedForGroupCommit() {
        return groupCommit == null ? 0 : groupCommit.queued();
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

    /**
     * Submits one write and answers it once its transaction has committed. With group commit on, a
     * caller without a transaction or unit of work of its own hands the write to the group commit
     * thread, which commits it together with the other writes queued at that moment; a caller inside
     * its own transaction (or unit of work) writes in it, on its own thread.
     */
    public WriteReceipt submit(Write write) {
        if (groupCommit != null && !TransactionSynchronizationManager.isActualTransactionActive()
                && !CurrentUnitOfWork.isStarted()) {
            WriteReceipt receipt = groupCommit.submit(write);
            if (receipt != null) {
                return receipt;
            }
        }
        return submitAlone(write, false);
    }

    private WriteReceipt submitAlone(Write write, boolean lookedUp) {
        if (!lookedUp) {
            var earlier = registry.find(write.key());
            if (earlier.isPresent()) {
                return repeat(earlier.get(), write);
            }
        }
        for (int attempt = 1; ; attempt++) {
            Map<String, Long> hits = new HashMap<>();
            try {
                WriteReceipt receipt = commit(List.of(write), hits).get(0);
                barrier.noteWrite(receipt.position());
                return receipt;
            } catch (LedgerConflictException e) {
                // An identical request that won the race while this one waited is not a conflict.
                return registry.find(write.key()).map(winner -> repeat(winner, write)).orElseThrow(() -> e);
            } catch (ConcurrencyException | AggregateStreamCreationException | DataIntegrityViolationException e) {
                // The event table's unique key (or the registry's) caught a twin: it committed first.
                var winner = registry.find(write.key());
                if (winner.isPresent()) {
                    return repeat(winner.get(), write);
                }
                if (attempt == 1 && !hits.isEmpty()) {
                    // Decided on cached state that another node had overtaken; the rollback evicted it.
                    log.debug("Write {} used stale cached state; trying it again from the store", write.key(), e);
                    continue;
                }
                log.debug("Write {} lost a race", write.key(), e);
                throw new LedgerConflictException(Refusal.CONCURRENT_CHANGE,
                        "another request changed the same records at the same time; nothing was recorded, retry");
            }
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
                List<WriteReceipt> receipts = commit(fresh.stream().map(writes::get).toList(), new HashMap<>());
                for (int j = 0; j < fresh.size(); j++) {
                    barrier.noteWrite(receipts.get(j).position());
                    outcomes.set(fresh.get(j), Outcome.of(receipts.get(j)));
                }
                fresh.clear();
            } catch (RuntimeException e) {
                log.debug("A group of {} writes was refused; each is tried on its own", fresh.size(), e);
            }
        }
        Set<Integer> lookedUp = new HashSet<>(fresh);
        fresh.addAll(twins);
        RuntimeException outage = null;
        for (int i : fresh) {
            Write write = writes.get(i);
            boolean known = lookedUp.contains(i);
            Outcome outcome = outage != null ? Outcome.refused(outage) : attempt(() -> submitAlone(write, known));
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
        return commit(writes, new HashMap<>(), new int[1]);
    }

    /** As {@link #commitInCurrentTransaction(List)}; on a refusal, {@code failed[0]} is the index of the refused write. */
    public List<WriteReceipt> commitInCurrentTransaction(List<Write> writes, int[] failed) {
        return commit(writes, new HashMap<>(), failed);
    }

    private List<WriteReceipt> commit(List<Write> writes) {
        return commit(writes, new HashMap<>(), new int[1]);
    }

    private List<WriteReceipt> commit(List<Write> writes, Map<String, Long> hits) {
        return commit(writes, hits, new int[1]);
    }

    /**
     * Commits the writes as one group, or throws (having rolled it back) when any is refused.
     *
     * @param hits   filled with the streams the group used from the aggregate cache
     * @param failed on a refusal, {@code failed[0]} is the index of the refused write
     */
    private List<WriteReceipt> commit(List<Write> writes, Map<String, Long> hits, int[] failed) {
        failed[0] = -1;
        Instant recordedAt = Instant.now();
        UnitOfWork<?> group = DefaultUnitOfWork.startAndGet(new GenericMessage<>("write group of " + writes.size()));
        Map<String, Long> groupHits = Map.of();
        try {
            Map<String, String> lastEvents = new HashMap<>();
            group.resources().put(LAST_EVENTS, lastEvents);
            // First: the cache check must be the group's first prepare-commit step, before the append.
            groupHits = cache.track(group);
            group.attachTransaction(transactions);
            List<String> traces = new ArrayList<>(writes.size());
            List<String> resourceIds = new ArrayList<>(writes.size());
            for (Write write : writes) {
                failed[0]++;
                // Each write carries its own caller's principal and ids: a group may hold many callers'.
                CommandMessage<?> command = GenericCommandMessage.asCommandMessage(write.command())
                                                                 .andMetaData(WriteMetadata.recordedAt(write.origin(), recordedAt));
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
            hits.putAll(groupHits);
            if (e instanceof LedgerException && !groupHits.isEmpty()) {
                // A refusal decided on cached state is only as good as that state: if another node
                // has appended to a stream it used, the refusal is replaced by the stale-state failure.
                cache.verify(groupHits);
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
