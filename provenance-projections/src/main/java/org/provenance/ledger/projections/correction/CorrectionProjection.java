package org.provenance.ledger.projections.correction;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.provenance.ledger.composition.Provenance;
import org.provenance.ledger.facility.FacilityCorrected;
import org.provenance.ledger.lot.TransferVoided;
import org.provenance.ledger.projections.composition.CompositionProjection;
import org.provenance.ledger.projections.composition.StoredProvenance;
import org.provenance.ledger.projections.flag.FlagProjection;
import org.provenance.ledger.projections.flag.FlagProjection.Purchase;
import org.provenance.ledger.projections.flag.FlagProjection.PurchaseFlag;
import org.provenance.ledger.projections.support.ProjectionBuffer;
import org.provenance.ledger.projections.support.ProjectionBuffer.Statement;
import org.provenance.ledger.projections.support.ProjectionNames;
import org.provenance.ledger.projections.support.StoredText;
import org.provenance.ledger.projections.whatif.Recompute;
import org.provenance.ledger.projections.whatif.WhatIfQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Corrections and voids (SPEC 12). A facility correction recomputes the lots downstream of the
 * facility (found in one GIN-indexed query on their contributors; never a replay) with the facts in
 * force at each event's business time, appends a new version of every lot whose composition
 * changed, and re-evaluates the purchases of those lots and those to the facility: flags that now
 * hold are raised, flags that no longer hold are WITHDRAWN, each naming the correction. Old versions
 * are kept with their record-time range (known_from, known_to), so an asKnownAt read answers what
 * the ledger said then.
 * <p>
 * Everything happens in the batch's transaction: readers see all the new versions or none. Record
 * time is the event's timestamp, so a replay writes exactly the rows the incremental path wrote.
 */
@Component
@ProcessingGroup(ProjectionNames.LEDGER)
public class CorrectionProjection {

    private static final Logger log = LoggerFactory.getLogger(CorrectionProjection.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int PROGRESS_EVERY = 1_000;

    // Written through the batch's buffer: every handler here flushes first, so within one handler the ranks'
    // order (copies to the history before the updates of the rows copied) is the order that matters.
    private static final Statement LOT_TOUCHED = Statement.insert(
            "insert into correction_lot (correction_id, lot_id, changed) values (?, ?, ?) on conflict do nothing");
    private static final Statement KEEP_COMPOSITION = Statement.insert("""
            insert into lot_composition_history (lot_id, superseded_by, known_from, known_to, routes, contributors, cause)
            select lot_id, ?, known_from, ?, routes, contributors, cause from lot_composition where lot_id = ?
            on conflict do nothing""");
    private static final Statement NEW_COMPOSITION = Statement.update("""
            update lot_composition set routes = cast(? as jsonb), contributors = cast(? as jsonb), known_from = ?, cause = ?
            where lot_id = ?""");

    private record StoredFlag(String flagId, String type, BigDecimal share, String evidence, String withdrawnBy) {
    }

    private final JdbcClient jdbc;
    private final ProjectionBuffer buffer;
    private final CompositionProjection compositions;
    private final FlagProjection flags;
    private final WhatIfQueries queries;
    private final CorrectionProgress progress;

    public CorrectionProjection(JdbcClient jdbc, ProjectionBuffer buffer, CompositionProjection compositions,
                                FlagProjection flags, WhatIfQueries queries, CorrectionProgress progress) {
        this.jdbc = jdbc;
        this.buffer = buffer;
        this.compositions = compositions;
        this.flags = flags;
        this.queries = queries;
        this.progress = progress;
    }

    @EventHandler
    void on(FacilityCorrected event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            @MetaDataValue("principal") String principal) {
        buffer.flush(); // every query below reads what event order implies
        String id = event.correctionId();
        String cause = "correction/" + id;
        jdbc.sql("""
                 insert into facility_correction (correction_id, facility_id, sequence, effective_from, country,
                                                  owner_country, reason, principal, recorded_at)
                 values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (correction_id) do nothing""")
            .params(StoredText.params(id, event.facilityId(), sequence, java.sql.Timestamp.from(event.effectiveFrom()),
                                      event.country(), event.ownerCountry(), event.reason(), principal,
                                      java.sql.Timestamp.from(recordedAt)))
            .update();
        compositions.corrected(event);

        Set<String> downstream = new HashSet<>(queries.lotsTouching(Set.of(event.facilityId()), Set.of()));
        Recompute recompute = new Recompute(queries, downstream, compositions::facility);
        List<String> order = recompute.inCreationOrder();
        progress.start(id, order.size());
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().onCleanup(u -> progress.finish(id));
        }
        List<String> changed = new ArrayList<>();
        int done = 0;
        for (String lotId : order) {
            Provenance now = recompute.provenance(lotId);
            boolean differs = !same(recompute.stored(lotId), now);
            if (differs) {
                version(lotId, now, recordedAt, cause);
                changed.add(lotId);
            }
            buffer.addEncoded(LOT_TOUCHED, StoredText.encode(id), StoredText.encode(lotId), differs);
            if (++done % PROGRESS_EVERY == 0) {
                progress.done(id, done, order.size());
                log.info("Correction {}: {} of {} downstream lots recomputed", id, done, order.size());
            }
        }
        progress.done(id, done, order.size());

        buffer.flush(); // the purchases are read next, and the new versions must be in place before the flags
        List<Purchase> purchases = purchases(changed, event.facilityId());
        for (Purchase purchase : purchases) {
            reevaluate(id, cause, purchase, recordedAt);
        }
        jdbc.sql("""
                 insert into correction_report (correction_id, lots_recomputed, lots_changed, purchases_evaluated,
                                                completed_at)
                 values (?, ?, ?, ?, ?) on conflict (correction_id) do nothing""")
            .params(StoredText.encode(id), order.size(), changed.size(), purchases.size(),
                    java.sql.Timestamp.from(recordedAt))
            .update();
        if (order.size() >= PROGRESS_EVERY) {
            log.info("Correction {} of facility {}: {} downstream lots recomputed, {} changed, {} purchases evaluated",
                     id, event.facilityId(), order.size(), changed.size(), purchases.size());
        }
    }

    /** A voided transfer's flags are withdrawn, naming the void; the flags stay, with their reviews. */
    @EventHandler
    void on(TransferVoided event, @Timestamp Instant recordedAt) {
        buffer.flush();
        String cause = "void/" + event.transferId();
        for (StoredFlag flag : storedFlags(event.transferId()).values()) {
            if (flag.withdrawnBy() == null) {
                withdraw(flag.flagId(), cause, recordedAt);
            }
        }
    }

    @ResetHandler
    void reset() {
        for (String table : List.of("facility_correction", "correction_lot", "correction_flag", "correction_report",
                                    "lot_composition_history", "flag_history")) {
            jdbc.sql("delete from " + table).update();
        }
    }

    /** The new version of a lot's composition; the one it replaces is kept with its record-time range. */
    private void version(String lotId, Provenance now, Instant recordedAt, String cause) {
        String id = StoredText.encode(lotId);
        java.sql.Timestamp at = java.sql.Timestamp.from(recordedAt);
        buffer.addEncoded(KEEP_COMPOSITION, StoredText.encode(cause), at, id);
        // routes and contributors: JSON whose strings StoredProvenance encoded already.
        buffer.addEncoded(NEW_COMPOSITION, StoredProvenance.routes(now.composition()),
                          StoredProvenance.contributors(now.contributors()), at, StoredText.encode(cause), id);
        compositions.replaced(lotId, now);
    }

    /** Transfers of the changed lots and to the corrected facility (its country may decide whether they are purchases). */
    private List<Purchase> purchases(List<String> changedLots, String facilityId) {
        return jdbc.sql("""
                        select transfer_id, lot_id, from_facility_id, to_facility_id, price_amount, price_currency,
                               occurred_at
                        from transfer_view
                        where (lot_id = any(?) or to_facility_id = ?) and voided_at is null
                        order by occurred_at, transfer_id""")
                   .params(changedLots.stream().map(StoredText::encode).toArray(String[]::new),
                           StoredText.encode(facilityId))
                   .query((rs, n) -> new Purchase(StoredText.decode(rs.getString(1)), StoredText.decode(rs.getString(2)),
                                                  StoredText.decode(rs.getString(3)), StoredText.decode(rs.getString(4)),
                                                  rs.getBigDecimal(5), StoredText.decode(rs.getString(6)),
                                                  rs.getTimestamp(7).toInstant()))
                   .list();
    }

    private void reevaluate(String correctionId, String cause, Purchase purchase, Instant recordedAt) {
        List<PurchaseFlag> now = flags.evaluate(purchase, () -> compositions.provenanceOf(purchase.lotId()));
        Map<String, StoredFlag> was = storedFlags(purchase.transferId());
        for (PurchaseFlag flag : now) {
            StoredFlag old = was.get(flag.flagId());
            if (old == null) {
                flags.insert(flag.flagId(), flag.type(), "TRANSFER", purchase.transferId(), purchase.lotId(),
                             purchase.fromFacilityId(), purchase.toFacilityId(), flag.share(), flag.evidence(),
                             flag.detail(), purchase.occurredAt(), recordedAt, cause);
                buffer.flush();
                change(correctionId, flag.flagId(), "RAISED", flag.type().name(), purchase, flag.share());
            } else if (old.withdrawnBy() != null) {
                supersede(flag.flagId(), cause, recordedAt);
                jdbc.sql("""
                         update flag set share = ?, evidence = cast(? as jsonb), detail = ?, withdrawn_by = null,
                                         known_from = ?, cause = ?,
                                         status = coalesce((select r.decision from flag_review r
                                                            where r.flag_id = flag.flag_id
                                                            order by r.sequence desc limit 1), 'OPEN')
                         where flag_id = ?""")
                    .params(flag.share(), flag.evidence(), StoredText.encode(flag.detail()),
                            java.sql.Timestamp.from(recordedAt), StoredText.encode(cause), StoredText.encode(flag.flagId()))
                    .update();
                change(correctionId, flag.flagId(), "RAISED", flag.type().name(), purchase, flag.share());
            } else if (!sameShare(old.share(), flag.share()) || !sameJson(old.evidence(), flag.evidence())) {
                supersede(flag.flagId(), cause, recordedAt);
                jdbc.sql("""
                         update flag set share = ?, evidence = cast(? as jsonb), detail = ?, known_from = ?, cause = ?
                         where flag_id = ?""")
                    .params(flag.share(), flag.evidence(), StoredText.encode(flag.detail()),
                            java.sql.Timestamp.from(recordedAt), StoredText.encode(cause), StoredText.encode(flag.flagId()))
                    .update();
                change(correctionId, flag.flagId(), "CHANGED", flag.type().name(), purchase, flag.share());
            }
        }
        Set<String> hold = new HashSet<>();
        now.forEach(f -> hold.add(f.flagId()));
        for (StoredFlag old : was.values()) {
            if (!hold.contains(old.flagId()) && old.withdrawnBy() == null) {
                withdraw(old.flagId(), cause, recordedAt);
                change(correctionId, old.flagId(), "WITHDRAWN", old.type(), purchase, old.share());
            }
        }
    }

    private void withdraw(String flagId, String cause, Instant recordedAt) {
        supersede(flagId, cause, recordedAt);
        jdbc.sql("update flag set withdrawn_by = ?, status = 'WITHDRAWN', known_from = ? where flag_id = ?")
            .params(StoredText.encode(cause), java.sql.Timestamp.from(recordedAt), StoredText.encode(flagId))
            .update();
    }

    /** Keeps the flag's current version with its record-time range before it changes. */
    private void supersede(String flagId, String cause, Instant recordedAt) {
        jdbc.sql("""
                 insert into flag_history (flag_id, superseded_by, known_from, known_to, share, evidence, withdrawn_by,
                                           cause)
                 select flag_id, ?, known_from, ?, share, evidence, withdrawn_by, cause from flag where flag_id = ?
                 on conflict do nothing""")
            .params(StoredText.encode(cause), java.sql.Timestamp.from(recordedAt), StoredText.encode(flagId))
            .update();
    }

    private void change(String correctionId, String flagId, String change, String type, Purchase purchase,
                        BigDecimal share) {
        jdbc.sql("""
                 insert into correction_flag (correction_id, flag_id, change, type, transfer_id, lot_id, to_facility_id,
                                              share)
                 values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
            .params(StoredText.params(correctionId, flagId, change, type, purchase.transferId(), purchase.lotId(),
                                      purchase.toFacilityId(), share))
            .update();
    }

    private Map<String, StoredFlag> storedFlags(String transferId) {
        Map<String, StoredFlag> stored = new LinkedHashMap<>();
        jdbc.sql("""
                 select flag_id, type, share, evidence::text, withdrawn_by from flag
                 where subject_id = ? and subject_kind = 'TRANSFER' order by flag_id""")
            .param(StoredText.encode(transferId))
            .query(rs -> {
                String flagId = StoredText.decode(rs.getString(1));
                stored.put(flagId, new StoredFlag(flagId, rs.getString(2), rs.getBigDecimal(3), rs.getString(4),
                                                  rs.getString(5)));
            });
        return stored;
    }

    static boolean same(Provenance a, Provenance b) {
        if (a == null || b == null) {
            return a == b;
        }
        var x = a.composition().ordered();
        var y = b.composition().ordered();
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (!x.get(i).getKey().equals(y.get(i).getKey()) || x.get(i).getValue().compareTo(y.get(i).getValue()) != 0) {
                return false;
            }
        }
        return a.contributors().equals(b.contributors());
    }

    private static boolean sameShare(BigDecimal a, BigDecimal b) {
        return a == null || b == null ? Objects.equals(a, b) : a.compareTo(b) == 0;
    }

    private static boolean sameJson(String a, String b) {
        return JSON.readTree(a).equals(JSON.readTree(b));
    }
}
