package org.provenance.ledger.api.epcis.capture;

import org.provenance.ledger.api.correction.CorrectionWrites;
import org.provenance.ledger.api.epcis.EpcisEventsCaptured;
import org.provenance.ledger.api.epcis.EpcisIdentifiers;
import org.provenance.ledger.api.epcis.EpcisVocabulary;
import org.provenance.ledger.api.epcis.mapping.EpcisMapper;
import org.provenance.ledger.api.read.ProjectionBarrier;
import org.provenance.ledger.api.security.FacilityAccess;
import org.provenance.ledger.api.web.DatabaseUnavailable;
import org.provenance.ledger.api.write.CurrentRequest;
import org.provenance.ledger.api.write.LedgerWriter;
import org.provenance.ledger.api.write.Write;
import org.provenance.ledger.api.write.WriteKind;
import org.provenance.ledger.api.write.WriteReceipt;
import org.provenance.ledger.common.LedgerConflictException;
import org.provenance.ledger.common.LedgerException;
import org.provenance.ledger.common.Refusal;
import org.provenance.ledger.epcis.CaptureEpcisEvent;
import org.provenance.ledger.epcis.DeclareEpcisError;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a read and validated EPCIS document (SPEC 11). Each event is stored in epcis_event and
 * recorded as a ledger event (EpcisEventCaptured), together with the ledger events it maps to,
 * in one transaction. With {@code rollback} the whole document is one transaction, and the first
 * refused event undoes all of it; with {@code proceed} events are applied in groups, a group with
 * a refused event is undone and its events applied one by one, so that only the refused ones are
 * missing and listed. Subscriptions hear of the stored events after the commit (EpcisEventsCaptured).
 */
@Component
public class EpcisCapture {

    public enum Behaviour {
        ROLLBACK, PROCEED;

        public String header() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Events per group of ledger writes: large enough to amortise the append and its seal, small enough to redo. */
    static final int GROUP = 250;
    private static final Logger log = LoggerFactory.getLogger(EpcisCapture.class);

    private final EpcisDocumentReader reader;
    private final EpcisMapper mapper;
    private final LedgerWriter writer;
    private final FacilityAccess access;
    private final ProjectionBarrier barrier;
    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher publisher;
    private final CaptureJobs jobs;
    private final CorrectionWrites corrections;
    private final JsonMapper json;

    public EpcisCapture(EpcisDocumentReader reader, EpcisMapper mapper, LedgerWriter writer, FacilityAccess access,
                        ProjectionBarrier barrier, JdbcClient jdbc, JdbcTemplate jdbcTemplate,
                        PlatformTransactionManager transactionManager,
                        ApplicationEventPublisher publisher, CaptureJobs jobs, CorrectionWrites corrections) {
        this.reader = reader;
        this.mapper = mapper;
        this.writer = writer;
        this.access = access;
        this.barrier = barrier;
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.transactions = new TransactionTemplate(transactionManager);
        this.publisher = publisher;
        this.jobs = jobs;
        this.corrections = corrections;
        this.json = reader.json();
    }

    /** An event made ready to apply: its stored form and the identifiers it is stored under. */
    record Prepared(int index, ObjectNode document, String text, String eventId, String ledgerId) {
    }

    /** What applying a document did. */
    public record Outcome(String captureId, boolean success, List<String> storedEventIds, List<Map<String, Object>> errors) {
    }

    public Outcome capture(EpcisDocumentReader.Spooled spooled, Behaviour behaviour) {
        String captureId = "capture-" + UUID.randomUUID();
        // Facilities registered (and so their locations) by this client before are visible to the mapping.
        barrier.awaitAcknowledgedWrites();
        jobs.start(captureId, behaviour.header(), spooled.count(), CurrentRequest.principal());
        Run run = new Run(captureId, spooled.ledgerPrefixes());
        try (BufferedReader lines = Files.newBufferedReader(spooled.file(), StandardCharsets.UTF_8)) {
            Instant recordTime = Instant.now();
            Set<String> seen = new HashSet<>();
            if (behaviour == Behaviour.ROLLBACK) {
                transactions.executeWithoutResult(status -> {
                    List<Prepared> chunk = new ArrayList<>();
                    int index = 0;
                    for (String line = readLine(lines); ; line = readLine(lines), index++) {
                        if (line != null) {
                            Prepared p = prepare(line, index, recordTime);
                            if (seen.add(p.eventId())) {
                                chunk.add(p);
                            }
                        }
                        if (chunk.size() == GROUP || line == null && !chunk.isEmpty()) {
                            try {
                                run.applyChunk(chunk);
                            } catch (Refused refused) {
                                run.errors.add(error(refused.event, refused.cause));
                                status.setRollbackOnly();
                                return;
                            }
                            chunk.clear();
                            progress(captureId, index + 1, spooled.count());
                        }
                        if (line == null) {
                            return;
                        }
                    }
                });
                if (!run.errors.isEmpty()) {
                    run.stored.clear();
                }
            } else {
                List<Prepared> chunk = new ArrayList<>();
                int index = 0;
                for (String line = readLine(lines); line != null; line = readLine(lines), index++) {
                    Prepared p = prepare(line, index, recordTime);
                    if (seen.add(p.eventId())) {
                        chunk.add(p);
                    }
                    if (chunk.size() == GROUP) {
                        run.proceed(chunk);
                        chunk.clear();
                        progress(captureId, index + 1, spooled.count());
                    }
                }
                run.proceed(chunk);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            // An outage or a bug, not a refused event: the job says so, nothing of a rollback capture is kept.
            log.warn("EPCIS capture {} failed", captureId, e);
            run.errors.add(Map.of("status", DatabaseUnavailable.causedBy(e) ? 503 : 500,
                                  "detail", DatabaseUnavailable.causedBy(e) ? "the database is unavailable; retry"
                                          : "the capture failed on an internal error"));
            if (behaviour == Behaviour.ROLLBACK) {
                run.stored.clear();
            }
            jobs.finish(captureId, false, run.stored.size(), run.errors);
            throw e;
        }
        if (run.lastPosition > 0 && !(run.stored.isEmpty() && run.declared.isEmpty())) {
            barrier.noteWrite(run.lastPosition);
        }
        jobs.finish(captureId, run.errors.isEmpty(), run.stored.size(), run.errors);
        if (!run.stored.isEmpty() || !run.declared.isEmpty()) {
            List<String> changed = new ArrayList<>(run.stored);
            changed.addAll(run.declared);
            publisher.publishEvent(new EpcisEventsCaptured(captureId, changed));
        }
        return new Outcome(captureId, run.errors.isEmpty(), List.copyOf(run.stored), run.errors);
    }

    /** An event refused while its group was applied: the group's transaction is doomed. */
    private static final class Refused extends RuntimeException {
        final transient Prepared event;
        final RuntimeException cause;

        Refused(Prepared event, RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
            this.event = event;
            this.cause = cause;
        }
    }

    /** One capture's progress: what it stored, what it refused, and its last ledger position. */
    private final class Run {
        final String captureId;
        final Set<String> prefixes;
        final List<String> stored = new ArrayList<>();
        /** eventIDs captured before and now declared in error (the same eventID with an errorDeclaration). */
        final List<String> declared = new ArrayList<>();
        final List<Map<String, Object>> errors = new ArrayList<>();
        long lastPosition;

        Run(String captureId, Set<String> prefixes) {
            this.captureId = captureId;
            this.prefixes = prefixes;
        }

        /**
         * Applies a group of events in the current transaction, as one group of ledger writes (one
         * append, one seal, one registry batch). Throws {@link Refused} naming the event refused.
         */
        void applyChunk(List<Prepared> chunk) {
            Map<String, Stored> existing = existing(chunk);
            // fresh events and declarations, in document order; a declaration has no mapping
            List<Prepared> applied = new ArrayList<>();
            List<Write> writes = new ArrayList<>();
            List<Integer> firstWrite = new ArrayList<>();
            List<EpcisMapper.Mapping> mappings = new ArrayList<>();
            List<ObjectNode> declarations = new ArrayList<>();
            for (Prepared p : chunk) {
                Stored before = existing.get(p.eventId());
                if (before != null && (before.declared() || !p.document().has("errorDeclaration"))) {
                    continue; // stored once: the same eventID again changes nothing
                }
                try {
                    firstWrite.add(writes.size());
                    if (before != null) {
                        ObjectNode outcome = json.createObjectNode();
                        writes.addAll(declaration(p, before, outcome));
                        mappings.add(null);
                        declarations.add(outcome);
                    } else {
                        EpcisMapper.Mapping mapping = mapper.map(p.document(), prefixes, p.ledgerId());
                        requireScope(mapping.facilityId());
                        writes.add(writer.prepare(WriteKind.EPCIS_EVENT, p.ledgerId(),
                                                  new RecordBody(p.eventId(), sha256(p.text())),
                                                  new CaptureEpcisEvent(p.ledgerId(), p.eventId(), type(p), captureId, p.text())));
                        writes.addAll(mapping.writes());
                        mappings.add(mapping);
                        declarations.add(null);
                    }
                    applied.add(p);
                } catch (RuntimeException e) {
                    throw new Refused(p, e);
                }
            }
            if (applied.isEmpty()) {
                return;
            }
            int[] failed = new int[1];
            List<WriteReceipt> receipts;
            try {
                receipts = writer.commitInCurrentTransaction(writes, failed);
            } catch (RuntimeException e) {
                int event = 0;
                while (event + 1 < firstWrite.size() && firstWrite.get(event + 1) <= failed[0]) {
                    event++;
                }
                throw new Refused(applied.get(event), e);
            }
            List<Object[]> rows = new ArrayList<>(applied.size());
            for (int i = 0; i < applied.size(); i++) {
                Prepared p = applied.get(i);
                if (mappings.get(i) != null) {
                    rows.add(row(p, captureId, mappings.get(i), receipts.get(firstWrite.get(i)).position()));
                    stored.add(p.eventId());
                } else {
                    jdbc.sql(DECLARE).param(json.writeValueAsString(p.document().get("errorDeclaration")))
                        .param(json.writeValueAsString(declarations.get(i))).param(p.eventId()).update();
                    declared.add(p.eventId());
                }
            }
            jdbcTemplate.batchUpdate(INSERT, rows);
            lastPosition = Math.max(lastPosition, receipts.stream().mapToLong(WriteReceipt::position).max().orElse(0));
        }

        /**
         * The writes of an error declaration (SPEC 11, 12): the declaration itself on the event's
         * stream, and what it asks of the ledger. A shipping mapped to transfers voids them (with the
         * void's rule: refused once the buyer moved or used the lot); an unmapped event needed nothing
         * of the ledger; an extraction or a transformation has no correction of its own in SPEC 12
         * (a facility's facts are corrected with POST /api/facilities/{id}/corrections), so it is refused.
         */
        private List<Write> declaration(Prepared p, Stored before, ObjectNode outcome) {
            WriteKind.EPCIS_ERROR_DECLARATION.requireRole();
            JsonNode declaration = p.document().get("errorDeclaration");
            String reason = declaration.path("reason").isString() ? declaration.get("reason").asString() : null;
            List<Write> writes = new ArrayList<>();
            writes.add(writer.prepare(WriteKind.EPCIS_ERROR_DECLARATION, p.ledgerId(),
                                      new RecordBody(p.eventId(), sha256(json.writeValueAsString(declaration))),
                                      new DeclareEpcisError(p.ledgerId(), p.eventId(), reason,
                                                            json.writeValueAsString(declaration))));
            JsonNode mapping = before.mapping();
            var voided = outcome.putArray("voidedTransfers");
            if (!"MAPPED".equals(mapping.path("status").asString())) {
                // nothing of the ledger to undo; the declarer is held to the capture's own scope
                requireScope(mapper.map(p.document(), prefixes, p.ledgerId()).facilityId());
            } else {
                // a transfer's void checks its own scope: compliance, or the seller's operator
                if (!mapping.path("transfers").isArray()) {
                    throw new LedgerConflictException(Refusal.NOT_CORRECTABLE, "errorDeclaration",
                            "an error declaration on an EPCIS event recorded as an extraction or a transformation "
                            + "has no correction of its own: correct the facility "
                            + "(POST /api/facilities/{id}/corrections) or record the real events");
                }
                String voidReason = "EPCIS errorDeclaration of " + p.eventId() + (reason == null ? "" : " (" + reason + ")");
                for (JsonNode transfer : mapping.get("transfers")) {
                    writes.add(corrections.voidTransfer(transfer.asString(), new CorrectionWrites.VoidRequest(voidReason)));
                    voided.add(transfer.asString());
                }
            }
            outcome.put("status", "DECLARED");
            return writes;
        }

        /** A group in its own transaction; when one of its events is refused, each of them on its own. */
        void proceed(List<Prepared> chunk) {
            if (chunk.isEmpty()) {
                return;
            }
            int storedBefore = stored.size();
            long positionBefore = lastPosition;
            boolean whole = Boolean.TRUE.equals(transactions.execute(status -> {
                try {
                    applyChunk(chunk);
                    return true;
                } catch (Refused refused) {
                    status.setRollbackOnly();
                    return false;
                }
            }));
            if (whole) {
                return;
            }
            stored.subList(storedBefore, stored.size()).clear();
            lastPosition = positionBefore;
            for (Prepared p : chunk) {
                transactions.executeWithoutResult(status -> {
                    try {
                        applyChunk(List.of(p));
                    } catch (Refused refused) {
                        status.setRollbackOnly();
                        errors.add(error(p, refused.cause));
                    }
                });
            }
        }
    }

    private static String type(Prepared p) {
        return p.document().path("type").asString();
    }

    /** An event stored by an earlier capture: how it mapped, and whether it was declared in error since. */
    private record Stored(JsonNode mapping, boolean declared) {
    }

    private Map<String, Stored> existing(List<Prepared> chunk) {
        String[] ids = chunk.stream().map(Prepared::eventId).toArray(String[]::new);
        Map<String, Stored> stored = new HashMap<>();
        jdbc.sql("select event_id, mapping::text, error_declared from epcis_event where event_id = any(?)").param(ids)
            .query((rs, n) -> stored.put(rs.getString(1), new Stored(json.readTree(rs.getString(2)), rs.getBoolean(3))))
            .list();
        return stored;
    }

    // The event is served with its errorDeclaration from now on; the mapping says what the ledger did.
    private static final String DECLARE = """
            update epcis_event set error_declared = true,
                   document = jsonb_set(document, '{errorDeclaration}', ?::jsonb),
                   mapping = mapping || jsonb_build_object('errorDeclaration', ?::jsonb)
            where event_id = ?""";

    /** The request registry's fingerprint of an EPCIS record: its id and the SHA-256 of its stored text. */
    record RecordBody(String eventId, String sha256) {
    }

    /**
     * SPEC 8: an operator captures events at its own facilities, or shipping out of them; the
     * mapped writes check their own facility again (extraction at its mine, transfer out of its custody).
     */
    private void requireScope(String facilityId) {
        WriteKind.EPCIS_EVENT.requireRole();
        if (access.operatesEveryFacility()) {
            return;
        }
        if (facilityId == null) {
            throw new AccessDeniedException("the event names none of your facilities (bizLocation, readPoint, "
                                            + "or the source of a shipping)");
        }
        access.requireOperatorOf(facilityId, "bizLocation");
    }

    private Prepared prepare(String line, int index, Instant recordTime) {
        ObjectNode event = (ObjectNode) json.readTree(line);
        String eventId = event.path("eventID").isString() ? event.get("eventID").asString() : EventHash.of(event);
        event.put("eventID", eventId);
        event.put("recordTime", recordTime.toString());
        return new Prepared(index, event, json.writeValueAsString(event), eventId, EpcisIdentifiers.ledgerId(eventId));
    }

    private static final String INSERT = """
            insert into epcis_event (event_id, event_type, event_time, record_time, capture_id, action, biz_step,
                disposition, read_point, biz_location, parent_id, epc_list, child_epcs, input_epcs, output_epcs,
                epc_classes, input_classes, output_classes, error_declared, document, mapping, captured_by,
                ledger_position)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)""";

    private Object[] row(Prepared p, String captureId, EpcisMapper.Mapping mapping, long position) {
        JsonNode e = p.document();
        return new Object[]{p.eventId(), type(p),
                Timestamp.from(OffsetDateTime.parse(e.get("eventTime").asString()).toInstant()),
                Timestamp.from(Instant.parse(e.get("recordTime").asString())), captureId,
                text(e, "action"), EpcisVocabulary.bizStep(text(e, "bizStep")),
                EpcisVocabulary.disposition(text(e, "disposition")),
                EpcisIdentifiers.toUrn(text(e.get("readPoint"), "id")),
                EpcisIdentifiers.toUrn(text(e.get("bizLocation"), "id")),
                EpcisIdentifiers.toUrn(text(e, "parentID")),
                epcs(e.get("epcList")), epcs(e.get("childEPCs")), epcs(e.get("inputEPCList")),
                epcs(e.get("outputEPCList")),
                classes(e.get("quantityList"), e.get("childQuantityList")), classes(e.get("inputQuantityList"), null),
                classes(e.get("outputQuantityList"), null),
                e.has("errorDeclaration"), p.text(), json.writeValueAsString(mapping.description()),
                CurrentRequest.principal(), position};
    }

    private static String[] epcs(JsonNode list) {
        List<String> out = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(n -> {
                if (n.isString()) {
                    out.add(EpcisIdentifiers.toUrn(n.asString()));
                }
            });
        }
        return out.toArray(String[]::new);
    }

    private static String[] classes(JsonNode list, JsonNode more) {
        List<String> out = new ArrayList<>();
        for (JsonNode l : new JsonNode[]{list, more}) {
            if (l != null && l.isArray()) {
                l.forEach(n -> {
                    String c = text(n, "epcClass");
                    if (c != null) {
                        out.add(EpcisIdentifiers.toUrn(c));
                    }
                });
            }
        }
        return out.toArray(String[]::new);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    /** A refused event as the job lists it: which one, and why in the REST API's terms. */
    private static Map<String, Object> error(Prepared p, RuntimeException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("index", p.index());
        error.put("eventID", p.eventId());
        if (e instanceof LedgerException refused) {
            error.put("status", switch (refused.refusal()) {
                case INVALID_COMMAND -> 400;
                case NOT_FOUND -> 404;
                default -> 409;
            });
            error.put("type", "/problems/" + refused.code());
            error.put("detail", e.getMessage());
            if (!refused.errors().isEmpty()) {
                error.put("errors", refused.errors().stream()
                                           .map(f -> Map.of("field", f.field(), "message", f.message())).toList());
            }
        } else if (e instanceof AccessDeniedException) {
            error.put("status", 403);
            error.put("type", "/problems/forbidden");
            error.put("detail", e.getMessage());
        } else if (e instanceof org.provenance.ledger.api.input.MalformedInputException malformed) {
            error.put("status", 400);
            error.put("type", "/problems/malformed-request");
            error.put("detail", malformed.getMessage());
        } else {
            throw e;
        }
        return error;
    }

    private static void progress(String captureId, int done, int total) {
        if (total >= 5000 && done % 5000 == 0) {
            log.info("EPCIS capture {}: {} of {} events applied", captureId, done, total);
        }
    }

    private static String readLine(BufferedReader lines) {
        try {
            return lines.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
