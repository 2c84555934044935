package org.provenance.ledger.api.report;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.provenance.ledger.api.check.CheckController;
import org.provenance.ledger.api.lot.CompositionResponse;
import org.provenance.ledger.api.read.ProjectionBarrier;
import org.provenance.ledger.api.web.NotFoundException;
import org.provenance.ledger.api.write.CurrentRequest;
import org.provenance.ledger.audit.chain.Checkpoint;
import org.provenance.ledger.audit.server.AuditChainStore;
import org.provenance.ledger.audit.server.SigningKey;
import org.provenance.ledger.composition.Exposure;
import org.provenance.ledger.composition.Provenance;
import org.provenance.ledger.projections.bloc.BlocProjection;
import org.provenance.ledger.projections.check.CheckReceiptProjection;
import org.provenance.ledger.projections.composition.CompositionProjection;
import org.provenance.ledger.projections.flag.FlagQueries;
import org.provenance.ledger.projections.flag.FlagView;
import org.provenance.ledger.projections.lot.Lineage;
import org.provenance.ledger.projections.lot.LineageQueries;
import org.provenance.ledger.projections.lot.LotQueries;
import org.provenance.ledger.projections.lot.LotView;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.provenance.ledger.api.docs.OpenApiConfiguration.NOT_FOUND;

/**
 * A lot's due-diligence report as a PDF (SPEC 13; contents in docs/DESIGN.md, "Due-diligence
 * PDF"): what a compliance file needs on paper, drawn from the same read models as the API.
 */
@Tag(name = "Reports", description = "Reports for compliance filings: smelter lists, due-diligence reports")
@RestController
public class LotReportController {

    private static final float[] COMPOSITION = {0.16f, 0.54f, 0.14f, 0.16f};
    private static final float[] FLAGS = {0.36f, 0.25f, 0.07f, 0.09f, 0.23f};
    private static final float[] CHECKS = {0.27f, 0.12f, 0.12f, 0.49f};
    /** A deep lot can have thousands of upstream steps: the paper report lists the first ones. */
    private static final int MAX_STEPS = 300;
    private static final float[] STEPS = {0.22f, 0.2f, 0.14f, 0.22f, 0.22f};

    private final LotQueries lots;
    private final CompositionProjection compositions;
    private final BlocProjection blocs;
    private final LineageQueries lineage;
    private final FlagQueries flags;
    private final CheckController checks;
    private final CheckReceiptProjection receipts;
    private final AuditChainStore chain;
    private final SigningKey key;
    private final ProjectionBarrier barrier;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final String homeBloc;

    public LotReportController(LotQueries lots, CompositionProjection compositions, BlocProjection blocs,
                               LineageQueries lineage, FlagQueries flags, CheckController checks,
                               CheckReceiptProjection receipts, AuditChainStore chain, SigningKey key,
                               ProjectionBarrier barrier, JdbcClient jdbc, ObjectMapper json,
                               @Value("${ledger.home-bloc}") String homeBloc) {
        this.lots = lots;
        this.compositions = compositions;
        this.blocs = blocs;
        this.lineage = lineage;
        this.flags = flags;
        this.checks = checks;
        this.receipts = receipts;
        this.chain = chain;
        this.key = key;
        this.barrier = barrier;
        this.jdbc = jdbc;
        this.json = json;
        this.homeBloc = homeBloc;
    }

    @Operation(operationId = "lotReport", summary = "A lot's due-diligence report (PDF)",
               description = "COMPLIANCE, AUDITOR or ADMIN. Composition and exposure, the upstream lineage drawn as "
                             + "a graph with every transformation listed, flags with their reviews, the BLOC_ORIGIN "
                             + "and DFARS checks now with changesOn, the recorded part checks that named the lot, and "
                             + "a signed audit checkpoint saying whether it covers the lot's events.")
    @ApiResponse(responseCode = "200", description = "The report",
                 content = @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @GetMapping(value = "/api/lots/{lotId}/report", produces = {"application/pdf", "application/problem+json"})
    public ResponseEntity<byte[]> report(@PathVariable String lotId) {
        barrier.awaitAcknowledgedWrites();
        LotView lot = lots.find(lotId).orElseThrow(() -> new NotFoundException("lot", lotId));
        Provenance provenance = compositions.find(lotId).orElseThrow(() -> new NotFoundException("lot", lotId));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Lineage upstream = lineage.lineage(lotId, LineageQueries.Direction.UPSTREAM, null);
        Map<String, String> names = new HashMap<>();
        Map<String, Lineage.FacilityNode> facilityNodes = new HashMap<>();
        upstream.facilities().forEach(f -> {
            names.put(f.facilityId(), f.name());
            facilityNodes.put(f.facilityId(), f);
        });

        try (PdfPages pdf = new PdfPages("Provenance Ledger - due-diligence report of lot " + lotId + " - " + now)) {
            pdf.title("Due-diligence report: lot " + lotId);
            pdf.paragraph("Generated " + now + " for " + CurrentRequest.principal() + " from the ledger's read models; "
                          + "the signed audit checkpoint at the end ties it to the event history.", 9);
            pdf.heading("Lot");
            pdf.table(List.of("Mineral", "Form", "Initial kg", "Remaining kg", "Status", "Custodian", "Created"),
                      new float[]{0.08f, 0.12f, 0.1f, 0.11f, 0.09f, 0.26f, 0.24f},
                      List.of(List.of(lot.mineral(), lot.form(), plain(lot.initialMassKg()),
                                      plain(lot.remainingMassKg()), lot.status(),
                                      names.getOrDefault(lot.custodianId(), lot.custodianId()) + " (" + lot.custodianId() + ")",
                                      lot.createdAt().toString())));

            pdf.heading("Composition");
            List<List<String>> routes = new ArrayList<>();
            for (CompositionResponse.RouteShare route : CompositionResponse.routes(provenance.composition())) {
                StringBuilder stages = new StringBuilder();
                route.stages().forEach((stage, countries) -> stages.append(stages.isEmpty() ? "" : "; ")
                        .append(stage).append(": ").append(String.join(", ", countries)));
                routes.add(List.of(route.origin(), stages.toString(), String.join(", ", route.control()),
                                   percent(route.share())));
            }
            pdf.table(List.of("Origin", "Stages (countries)", "Control", "Share"), COMPOSITION, routes);
            Exposure exposure = Exposure.of(provenance.composition(), blocs.calendar(homeBloc).at(now));
            pdf.paragraph("Exposure against bloc " + homeBloc + " now: non-bloc origin " + percent(exposure.nonBlocOriginShare())
                          + ", non-bloc processing " + percent(exposure.nonBlocProcessingShare())
                          + ", non-bloc control " + percent(exposure.nonBlocControlShare())
                          + ", unknown origin " + percent(exposure.unknownShare()) + ".", 9);

            pdf.heading("Lineage (upstream)");
            long facilities = upstream.facilities().size();
            pdf.paragraph(upstream.lots().size() + " lots, " + upstream.transformations().size() + " transformations, "
                          + upstream.transfers().size() + " transfers and " + facilities + " facilities upstream "
                          + "(this lot included). The reported lot is on the right, shaded.", 9);
            String cut = LineageDrawing.draw(pdf, upstream, names);
            if (cut != null) {
                pdf.paragraph(cut, 8);
            }
            List<List<String>> steps = new ArrayList<>();
            for (Lineage.TransformationEdge t : upstream.transformations().stream().limit(MAX_STEPS).toList()) {
                Lineage.FacilityNode f = facilityNodes.get(t.facilityId());
                steps.add(List.of(t.transformationId(),
                                  (f == null ? t.facilityId() : f.name() + ", " + f.country()
                                          + (f.ownerCountry() == null ? "" : " (owner " + f.ownerCountry() + ")")),
                                  t.stage(), masses(t.inputs()), masses(t.outputs())));
            }
            pdf.table(List.of("Transformation", "Facility", "Stage", "Inputs (kg)", "Outputs (kg)"), STEPS, steps);
            if (upstream.transformations().size() > MAX_STEPS) {
                pdf.paragraph("The first " + MAX_STEPS + " of " + upstream.transformations().size()
                              + " transformations; GET /api/lots/" + lotId + "/lineage lists them all.", 8);
            }

            pdf.heading("Flags and reviews");
            List<List<String>> flagRows = new ArrayList<>();
            for (FlagView flag : flagsOf(upstream)) {
                StringBuilder reviews = new StringBuilder();
                for (FlagView.Review r : flag.reviews()) {
                    reviews.append(reviews.isEmpty() ? "" : "\n").append(r.decision()).append(" by ").append(r.principal())
                           .append(" ").append(r.recordedAt()).append(": ").append(r.note());
                }
                flagRows.add(List.of(flag.id(), flag.type(), flag.share() == null ? "" : percent(flag.share()),
                                     flag.status(), reviews.isEmpty() ? "not reviewed" : reviews.toString()));
            }
            pdf.table(List.of("Flag", "Type", "Share", "Status", "Reviews"), FLAGS, flagRows);

            pdf.heading("Checks");
            List<List<String>> checkRows = new ArrayList<>();
            for (String policy : List.of("BLOC_ORIGIN", "DFARS_252_225_7052")) {
                CheckController.CheckResponse check = checks.check(lotId, policy, Instant.now(), null);
                checkRows.add(List.of(policy + " now", check.verdict(),
                                      check.changesOn() == null ? "-" : check.changesOn().toString(),
                                      check.reasons().isEmpty() ? "no reason to fail"
                                              : String.join("; ", check.reasons().stream().map(
                                                      r -> r.code() + " " + percent(r.share())).toList())));
            }
            for (String receipt : receipts.naming(lotId)) {
                checkRows.add(recorded(receipt, lotId));
            }
            pdf.table(List.of("Check", "Verdict", "Changes on", "Reasons"), CHECKS, checkRows);

            pdf.heading("Audit checkpoint");
            AuditChainStore.Head head = chain.head();
            Checkpoint checkpoint = key.checkpoint(head.position(), head.hash(), now);
            long lastEvent = jdbc.sql("select coalesce(max(global_index), 0) from domain_event_entry "
                                      + "where aggregate_identifier = ?")
                                 .param("lot/" + lotId).query(Long.class).single();
            pdf.paragraph(checkpoint.position() >= lastEvent
                                  ? "This checkpoint covers every event of the lot (its latest is at position "
                                    + lastEvent + "): keep it and verify an export up to it offline."
                                  : "NOT YET COVERED: the chain reaches position " + checkpoint.position()
                                    + ", the lot's latest event is at " + lastEvent + "; request the report again.", 9);
            pdf.monoLine("position  " + checkpoint.position(), 8);
            pdf.monoLine("hash      " + checkpoint.hash(), 8);
            pdf.monoLine("timestamp " + checkpoint.timestamp(), 8);
            pdf.monoLine("key       " + checkpoint.algorithm() + " " + checkpoint.keyId(), 8);
            pdf.monoLine("signature " + checkpoint.signature(), 8);
            byte[] bytes = pdf.bytes();
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                                 .header(HttpHeaders.CONTENT_DISPOSITION,
                                         "inline; filename=\"lot-" + lotId.replaceAll("[^A-Za-z0-9._-]", "_") + ".pdf\"")
                                 .body(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flags on the purchases and transformations of this lot and of every lot upstream of it. */
    private List<FlagView> flagsOf(Lineage upstream) {
        String[] ids = upstream.lots().stream().map(Lineage.LotNode::lotId).toArray(String[]::new);
        return jdbc.sql("select flag_id from flag where lot_id = any(?) order by raised_at, flag_id limit 200")
                   .param(ids).query(String.class).list().stream()
                   .map(flags::find).flatMap(java.util.Optional::stream).toList();
    }

    private List<String> recorded(String receipt, String lotId) {
        JsonNode check = json.readTree(receipt).path("check");
        JsonNode answer = check.path("answer");
        String verdict = answer.path("verdict").asString();
        String changesOn = answer.path("changesOn").isNull() ? "-" : answer.path("changesOn").asString();
        for (JsonNode item : answer.path("items")) {
            if (lotId.equals(item.path("lotId").asString())) {
                verdict = item.path("verdict").asString() + " (part " + verdict + ")";
                changesOn = item.path("changesOn").isNull() ? "-" : item.path("changesOn").asString();
                break;
            }
        }
        return List.of("part check " + check.path("checkId").asString(), verdict, changesOn,
                       answer.path("policy").asString() + " as of " + answer.path("asOf").asString() + ", run by "
                               + check.path("principal").asString() + " at " + check.path("checkedAt").asString()
                               + (answer.path("reference").isNull() ? "" : ", " + answer.path("reference").asString()));
    }

    private static String masses(List<Lineage.MassOfLot> masses) {
        return String.join("\n", masses.stream().map(m -> m.lotId() + " " + plain(m.massKg())).toList());
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static String percent(BigDecimal share) {
        return share.multiply(BigDecimal.valueOf(100)).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros()
                    .toPlainString() + " %";
    }
}
