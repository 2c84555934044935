package org.provenance.ledger.api.write;

import tools.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.provenance.ledger.api.config.ClientCorrelationProvider;
import org.provenance.ledger.api.config.LedgerAxonConfiguration;
import org.provenance.ledger.api.read.ProjectionBarrier;
import org.provenance.ledger.common.LedgerConflictException;
import org.provenance.ledger.common.Refusal;
import org.provenance.ledger.common.ValidatedCommand;
import org.provenance.ledger.common.Validation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one way writes enter the ledger. A write is keyed by what it creates or records (kind and
 * id): the same key with the same body answers what the first request got, another body is a
 * conflict, and a request that lost a race to an identical one gets the winner's answer.
 */
@Component
public class LedgerWriter {

    private static final Logger log = LoggerFactory.getLogger(LedgerWriter.class);

    private final CommandGateway commands;
    private final RequestRegistry registry;
    private final ProjectionBarrier barrier;
    private final ObjectMapper json;

    public LedgerWriter(CommandGateway commands, RequestRegistry registry, ProjectionBarrier barrier, ObjectMapper json) {
        this.commands = commands;
        this.registry = registry;
        this.barrier = barrier;
        this.json = json;
    }

    /**
     * @param kind    what is written (facility, extraction, transfer...): ids are unique per kind
     * @param id      the id the client chose for it
     * @param body    the request as the client sent it, fingerprinted for idempotency
     * @param command the command to dispatch
     */
    public WriteReceipt submit(String kind, String id, Object body, Object command) {
        validate(command);
        String key = kind + ":" + id;
        byte[] fingerprint = CanonicalJson.sha256(json, body);
        Optional<RequestRegistry.Entry> earlier = registry.find(key);
        if (earlier.isPresent()) {
            return repeat(earlier.get(), fingerprint, kind, id);
        }
        try {
            AtomicReference<WriteReceipt> receipt =
                    commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                                                              .andMetaData(metadata(key, fingerprint)));
            barrier.noteWrite(receipt.get().position());
            return receipt.get();
        } catch (LedgerConflictException e) {
            // An identical request that won the race while this one waited is not a conflict.
            return registry.find(key).map(winner -> repeat(winner, fingerprint, kind, id)).orElseThrow(() -> e);
        } catch (ConcurrencyException | AggregateStreamCreationException | DataIntegrityViolationException e) {
            // The event table's unique key (or the registry's) caught a twin: it committed first.
            log.debug("Write {} lost a race", key, e);
            return registry.find(key).map(winner -> repeat(winner, fingerprint, kind, id)).orElseThrow(
                    () -> new LedgerConflictException(Refusal.CONCURRENT_CHANGE,
                            "another request changed the same records at the same time; nothing was recorded, retry"));
        }
    }

    /**
     * A write that has no id of its own (a membership change, a price floor, a review): keyed by
     * what it addresses and its body, so the same request repeated is answered once and recorded
     * once, and a different request is a new write.
     */
    public WriteReceipt submitByContent(String kind, String address, Object body, Object command) {
        validate(command);
        String contentKey = address + ":" + HexFormat.of().formatHex(CanonicalJson.sha256(json, body), 0, 8);
        return submit(kind, contentKey, body, command);
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

    private WriteReceipt repeat(RequestRegistry.Entry earlier, byte[] fingerprint, String kind, String id) {
        if (!earlier.sameBody(fingerprint)) {
            throw new LedgerConflictException(Refusal.ID_IN_USE, "id",
                    kind + " " + id + " was already recorded with a different body");
        }
        barrier.noteWrite(earlier.receipt().position());
        return earlier.receipt();
    }

    private static Map<String, Object> metadata(String key, byte[] fingerprint) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(RequestRegistryInterceptor.REQUEST_KEY, key);
        metadata.put(RequestRegistryInterceptor.BODY_SHA256, HexFormat.of().formatHex(fingerprint));
        metadata.put(LedgerAxonConfiguration.PRINCIPAL, CurrentRequest.principal());
        metadata.put(LedgerAxonConfiguration.RECORDED_AT, Instant.now().toString());
        CurrentRequest.header(CurrentRequest.REQUEST_ID_HEADER)
                      .ifPresent(v -> metadata.put(LedgerAxonConfiguration.REQUEST_ID, v));
        CurrentRequest.header(CurrentRequest.CORRELATION_ID_HEADER).ifPresent(v -> metadata.put(ClientCorrelationProvider.CORRELATION_ID, v));
        return MetaData.from(metadata);
    }
}
