package org.provenance.ledger.api.whatif;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.provenance.ledger.api.read.ProjectionBarrier;
import org.provenance.ledger.common.Validation;
import org.provenance.ledger.projections.bloc.BlocCalendar;
import org.provenance.ledger.projections.bloc.BlocProjection;
import org.provenance.ledger.projections.facility.FacilityProjection;
import org.provenance.ledger.projections.whatif.WhatIfQueries;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.provenance.ledger.api.docs.OpenApiConfiguration.BAD_REQUEST;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.UNSUPPORTED_MEDIA_TYPE;

/**
 * "What would flip if...?" (SPEC 13): bloc membership changes and facility corrections applied
 * hypothetically. Read-only: nothing is recorded, whatever the answer.
 */
@Tag(name = "Checks", description = "Procurement checks of a lot against a policy, at any date")
@RestController
public class WhatIfController {

    public static final int MAX_CHANGES = 100;

    private final WhatIfQueries queries;
    private final BlocProjection blocs;
    private final FacilityProjection facilities;
    private final ProjectionBarrier barrier;
    private final String homeBloc;

    public WhatIfController(WhatIfQueries queries, BlocProjection blocs, FacilityProjection facilities,
                            ProjectionBarrier barrier, @Value("${ledger.home-bloc}") String homeBloc) {
        this.queries = queries;
        this.blocs = blocs;
        this.facilities = facilities;
        this.barrier = barrier;
        this.homeBloc = homeBloc;
    }

    @Operation(operationId = "whatIf", summary = "Which purchases and verdicts would change, hypothetically",
               description = "COMPLIANCE, AUDITOR or ADMIN. Applies bloc changes (JOIN or LEAVE from a date) and "
                             + "facility corrections (country or owner country from a date) hypothetically and "
                             + "answers the purchases whose flags would change and the held lots whose BLOC_ORIGIN "
                             + "or DFARS verdict at asOf would change, each with before and after. asOf defaults to "
                             + "the latest effectiveFrom of the changes, or now if that is earlier. Nothing is "
                             + "recorded.",
               requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                       examples = @ExampleObject(name = "Estonia leaves", value = """
                               {"blocChanges": [{"blocId": "ALLIES", "country": "EE", "change": "LEAVE",
                                                 "effectiveFrom": "2026-02-22T00:00:00Z"}],
                                "facilityCorrections": [{"facilityId": "DEMO-MAG-JP", "ownerCountry": "CN",
                                                         "effectiveFrom": "2026-01-01T00:00:00Z"}]}"""))))
    @ApiResponse(responseCode = "200", description = "What would change")
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @ApiResponse(responseCode = "415", ref = UNSUPPORTED_MEDIA_TYPE)
    @PostMapping("/api/what-if")
    public WhatIfAnswer whatIf(@RequestBody WhatIfRequest request) {
        List<WhatIfRequest.BlocChange> changes = request.blocChanges() == null ? List.of() : request.blocChanges();
        List<WhatIfRequest.FacilityCorrection> corrections =
                request.facilityCorrections() == null ? List.of() : request.facilityCorrections();
        validate(request, changes, corrections);
        barrier.awaitAcknowledgedWrites();
        Validation known = Validation.check();
        for (int i = 0; i < corrections.size(); i++) {
            if (facilities.find(corrections.get(i).facilityId()).isEmpty()) {
                known.error("facilityCorrections[" + i + "].facilityId", "no such facility: "
                        + corrections.get(i).facilityId());
            }
        }
        known.orThrow();

        BlocCalendar current = blocs.calendar(homeBloc);
        BlocCalendar hypothetical = apply(current, changes);
        Map<String, List<WhatIfRequest.FacilityCorrection>> byFacility = new HashMap<>();
        corrections.forEach(c -> byFacility.computeIfAbsent(c.facilityId(), k -> new ArrayList<>()).add(c));
        Set<String> countries = new LinkedHashSet<>();
        changes.forEach(c -> countries.add(c.country()));
        Instant blocFrom = changes.stream().map(WhatIfRequest.BlocChange::effectiveFrom).min(Instant::compareTo)
                                  .orElse(Instant.parse("9999-12-31T23:59:59Z"));
        Instant asOf = request.asOf();
        if (asOf == null) {
            asOf = Instant.now();
            for (Instant t : (Iterable<Instant>) () -> java.util.stream.Stream.concat(
                    changes.stream().map(WhatIfRequest.BlocChange::effectiveFrom),
                    corrections.stream().map(WhatIfRequest.FacilityCorrection::effectiveFrom)).iterator()) {
                asOf = t.isAfter(asOf) ? t : asOf;
            }
        }
        return new WhatIf(queries, current, hypothetical, byFacility, queries.floors(homeBloc))
                .run(asOf, countries, blocFrom);
    }

    /**
     * JOIN from t: a membership period from t until the country's next period begins (no change if
     * it is a member at t); LEAVE from t: the period in force at t ends at t (no change if it is not).
     */
    static BlocCalendar apply(BlocCalendar calendar, List<WhatIfRequest.BlocChange> changes) {
        List<BlocCalendar.Period> periods = new ArrayList<>(calendar.periods());
        for (WhatIfRequest.BlocChange change : changes) {
            Instant t = change.effectiveFrom();
            BlocCalendar now = new BlocCalendar(calendar.blocId(), List.copyOf(periods));
            boolean member = now.at(t).isMember(change.country());
            if (change.change() == WhatIfRequest.Change.JOIN && !member) {
                Instant until = periods.stream().filter(p -> p.country().equals(change.country()) && p.from().isAfter(t))
                                       .map(BlocCalendar.Period::from).min(Instant::compareTo).orElse(null);
                periods.add(new BlocCalendar.Period(change.country(), t, until));
            } else if (change.change() == WhatIfRequest.Change.LEAVE && member) {
                for (int i = 0; i < periods.size(); i++) {
                    BlocCalendar.Period p = periods.get(i);
                    if (p.country().equals(change.country()) && !t.isBefore(p.from())
                            && (p.until() == null || t.isBefore(p.until()))) {
                        periods.set(i, new BlocCalendar.Period(p.country(), p.from(), t));
                    }
                }
            }
        }
        return new BlocCalendar(calendar.blocId(), List.copyOf(periods));
    }

    private void validate(WhatIfRequest request, List<WhatIfRequest.BlocChange> changes,
                          List<WhatIfRequest.FacilityCorrection> corrections) {
        Validation check = Validation.check();
        if (changes.isEmpty() && corrections.isEmpty()) {
            check.error("blocChanges", "give at least one bloc change or facility correction");
        }
        if (changes.size() > MAX_CHANGES) {
            check.error("blocChanges", "at most " + MAX_CHANGES);
        }
        if (corrections.size() > MAX_CHANGES) {
            check.error("facilityCorrections", "at most " + MAX_CHANGES);
        }
        for (int i = 0; i < changes.size(); i++) {
            String at = "blocChanges[" + i + "]";
            WhatIfRequest.BlocChange change = changes.get(i);
            if (change == null) {
                check.error(at, "must be an object");
                continue;
            }
            check.id(at + ".blocId", change.blocId()).country(at + ".country", change.country())
                 .present(at + ".change", change.change()).instant(at + ".effectiveFrom", change.effectiveFrom());
            if (change.blocId() != null && !change.blocId().equals(homeBloc)) {
                check.error(at + ".blocId", "only the home bloc " + homeBloc + " decides flags and checks");
            }
        }
        for (int i = 0; i < corrections.size(); i++) {
            String at = "facilityCorrections[" + i + "]";
            WhatIfRequest.FacilityCorrection c = corrections.get(i);
            if (c == null) {
                check.error(at, "must be an object");
                continue;
            }
            check.id(at + ".facilityId", c.facilityId()).optionalCountry(at + ".country", c.country())
                 .optionalCountry(at + ".ownerCountry", c.ownerCountry())
                 .instant(at + ".effectiveFrom", c.effectiveFrom());
            if (c.country() == null && c.ownerCountry() == null) {
                check.error(at, "give country, ownerCountry or both");
            }
        }
        check.orThrow();
    }
}
