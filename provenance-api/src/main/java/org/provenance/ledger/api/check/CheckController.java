package org.provenance.ledger.api.check;

import org.provenance.ledger.api.read.ProjectionBarrier;
import org.provenance.ledger.api.web.NotFoundException;
import org.provenance.ledger.composition.Contributor;
import org.provenance.ledger.composition.Provenance;
import org.provenance.ledger.policy.CheckResult;
import org.provenance.ledger.policy.DfarsRule;
import org.provenance.ledger.policy.Policies;
import org.provenance.ledger.projections.bloc.BlocCalendar;
import org.provenance.ledger.projections.bloc.BlocProjection;
import org.provenance.ledger.projections.composition.CompositionProjection;
import org.provenance.ledger.projections.lot.LineageQueries;
import org.provenance.ledger.projections.lot.LotQueries;
import org.provenance.ledger.projections.lot.LotView;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.provenance.ledger.api.docs.OpenApiConfiguration.BAD_REQUEST;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.NOT_FOUND;

/**
 * Procurement checks (SPEC 5): read-only verdicts on a lot at a date, past or future. A lot's
 * composition does not change after it is created, so a check at another date differs only in
 * the rules in force then: bloc membership, or the DFARS phase.
 */
@Tag(name = "Checks", description = "Procurement checks of a lot against a policy, at any date")
@RestController
public class CheckController {

    public enum Policy { BLOC_ORIGIN, DFARS_252_225_7052 }

    public record Reason(String code, String detail, BigDecimal share) {
    }

    /** An offending upstream facility, and the chain of lots from the one recorded there down to the checked lot. */
    public record Evidence(String facilityId, String country, String ownerCountry, String stage, String lotId,
                           List<String> chain) {
    }

    public record CheckResponse(String lotId, String policy, Instant asOf, String verdict, List<Reason> reasons,
                                List<Evidence> evidence, LocalDate changesOn, String rule) {
    }

    private final LotQueries lots;
    private final CompositionProjection compositions;
    private final BlocProjection blocs;
    private final LineageQueries lineage;
    private final ProjectionBarrier barrier;
    private final String homeBloc;

    public CheckController(LotQueries lots, CompositionProjection compositions, BlocProjection blocs,
                           LineageQueries lineage, ProjectionBarrier barrier,
                           @Value("${ledger.home-bloc}") String homeBloc) {
        this.lots = lots;
        this.compositions = compositions;
        this.blocs = blocs;
        this.lineage = lineage;
        this.barrier = barrier;
        this.homeBloc = homeBloc;
    }

    @Operation(operationId = "checkLot", summary = "Check a lot against a procurement policy",
               description = "COMPLIANCE, AUDITOR or ADMIN. PASS or FAIL with reasons, the offending upstream "
                             + "facilities with the chain of lots from each, and the date the verdict next changes.")
    @ApiResponse(responseCode = "200", description = "The verdict", content = @Content(
            schema = @Schema(implementation = CheckResponse.class), examples = @ExampleObject(name = "fail", value = """
                    {"lotId": "OXIDE-2", "policy": "BLOC_ORIGIN", "asOf": "2026-12-15T00:00:00Z",
                     "verdict": "FAIL",
                     "reasons": [{"code": "NON_BLOC_ORIGIN", "detail": "mined (or declared) outside the bloc",
                                  "share": 0.3}],
                     "evidence": [{"facilityId": "SEP-EE-1", "country": "EE", "ownerCountry": null,
                                   "stage": "SEPARATION", "lotId": "CONC-1", "chain": ["CONC-1", "OXIDE-2"]}],
                     "changesOn": null, "rule": "membership of bloc ALLIES at the check date"}""")))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @GetMapping("/api/lots/{lotId}/checks/{policy}")
    public CheckResponse check(@PathVariable String lotId,
                        @Parameter(description = "The policy; another name is 404",
                                   schema = @Schema(allowableValues = {"BLOC_ORIGIN", "DFARS_252_225_7052"}))
                        @PathVariable String policy,
                        @Parameter(description = "The date to check at (ISO-8601 instant); default now",
                                   example = "2027-01-02T00:00:00Z")
                        @RequestParam(required = false) Instant asOf,
                        @Parameter(description = "Record time: check with what the ledger knew then (ISO-8601 "
                                                 + "instant), to reproduce an answer given before a later correction; "
                                                 + "default now", example = "2026-12-20T00:00:00Z")
                        @RequestParam(required = false) Instant asKnownAt) {
        Policy which = parse(policy);
        Instant at = asOf == null ? Instant.now() : asOf;
        barrier.awaitAcknowledgedWrites();
        LotView lot = lots.find(lotId).filter(l -> !l.createdAt().isAfter(at))
                          .orElseThrow(() -> new NotFoundException("lot", lotId + " at " + at));
        Provenance provenance = (asKnownAt == null ? compositions.find(lotId) : compositions.findKnownAt(lotId, asKnownAt))
                .orElseThrow(() -> new NotFoundException("lot", lotId + (asKnownAt == null ? "" : " known at " + asKnownAt)));
        return switch (which) {
            case BLOC_ORIGIN -> blocOrigin(lot, provenance, at);
            case DFARS_252_225_7052 -> dfars(lot, provenance, at);
        };
    }

    private CheckResponse blocOrigin(LotView lot, Provenance provenance, Instant at) {
        BlocCalendar calendar = blocs.calendar(homeBloc);
        CheckResult result = Policies.blocOrigin(provenance, calendar.at(at));
        LocalDate changesOn = null;
        for (Instant change : calendar.changesAfter(at)) {
            if (Policies.blocOrigin(provenance, calendar.at(change)).verdict() != result.verdict()) {
                changesOn = change.atZone(ZoneOffset.UTC).toLocalDate();
                break;
            }
        }
        return response(lot, Policy.BLOC_ORIGIN, at, result, changesOn, "membership of bloc " + homeBloc + " at the check date");
    }

    private CheckResponse dfars(LotView lot, Provenance provenance, Instant at) {
        DfarsRule rule = DfarsRule.CURRENT;
        CheckResult result = Policies.dfars(provenance, rule, rule.phaseAt(at));
        LocalDate next = rule.nextChangeAfter(at);
        LocalDate changesOn = null;
        if (next != null) {
            CheckResult then = Policies.dfars(provenance, rule, rule.phaseAt(next.atStartOfDay(ZoneOffset.UTC).toInstant()));
            changesOn = then.verdict() != result.verdict() ? next : null;
        }
        return response(lot, Policy.DFARS_252_225_7052, at, result, changesOn, rule.citation());
    }

    private CheckResponse response(LotView lot, Policy policy, Instant at, CheckResult result, LocalDate changesOn,
                                   String rule) {
        Set<String> offendingLots = result.evidence().stream().map(Contributor::lotId).collect(Collectors.toSet());
        Map<String, List<String>> chains = lineage.chainsTo(lot.lotId(), offendingLots);
        return new CheckResponse(lot.lotId(), policy.name(), at, result.verdict().name(),
                                 result.reasons().stream().map(r -> new Reason(r.code(), r.detail(),
                                                                               r.share().stripTrailingZeros())).toList(),
                                 result.evidence().stream().map(c -> new Evidence(
                                         c.facilityId(), c.country(), c.ownerCountry(), c.stage(), c.lotId(),
                                         chains.getOrDefault(c.lotId(), List.of(c.lotId()))))
                                       .toList(),
                                 changesOn, rule);
    }

    private static Policy parse(String policy) {
        try {
            return Policy.valueOf(policy.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("policy", policy + " (known: BLOC_ORIGIN, DFARS_252_225_7052)");
        }
    }
}
