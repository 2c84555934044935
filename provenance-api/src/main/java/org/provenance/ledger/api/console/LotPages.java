package org.provenance.ledger.api.console;

import org.provenance.ledger.api.check.CheckController;
import org.provenance.ledger.api.lot.CompositionResponse;
import org.provenance.ledger.api.lot.LotController;
import org.provenance.ledger.composition.Membership;
import org.provenance.ledger.projections.bloc.BlocProjection;
import org.provenance.ledger.projections.console.ConsoleQueries;
import org.provenance.ledger.projections.flag.FlagQueries;
import org.provenance.ledger.projections.flag.FlagView;
import org.provenance.ledger.projections.lot.Lineage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A lot: composition bar and exposure at a date, lineage graph, flags, checks and (for auditors) events. */
@io.swagger.v3.oas.annotations.Hidden
@Controller
class LotPages {

    /** One segment of the composition bar; category decides colour and the text beside it. */
    record Segment(String category, String label, BigDecimal share, String percent) {
    }

    private final LotController lots;
    private final CheckController checks;
    private final FlagQueries flags;
    private final ConsoleQueries console;
    private final BlocProjection blocs;
    private final String homeBloc;

    LotPages(LotController lots, CheckController checks, FlagQueries flags, ConsoleQueries console,
             BlocProjection blocs, @Value("${ledger.home-bloc}") String homeBloc) {
        this.lots = lots;
        this.checks = checks;
        this.flags = flags;
        this.console = console;
        this.blocs = blocs;
        this.homeBloc = homeBloc;
    }

    @GetMapping("/console/lots/{lotId}")
    String lot(@PathVariable String lotId, @RequestParam(required = false)
               @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf, Model model) {
        Instant at = asOf == null ? null : asOf.atStartOfDay(ZoneOffset.UTC).toInstant();
        LotController.LotResponse lot = lots.get(lotId, at, null);
        model.addAttribute("lot", lot);
        model.addAttribute("asOf", asOf == null ? LocalDate.now(ZoneOffset.UTC) : asOf);
        model.addAttribute("segments", segments(lot.composition(), at == null ? Instant.now() : at));
        List<FlagView> lotFlags = console.flagIdsOfLot(lotId).stream().map(flags::find).flatMap(Optional::stream)
                                         .toList();
        model.addAttribute("flags", lotFlags);
        model.addAttribute("homeBlocId", homeBloc);
        return "console/lot";
    }

    /** The lineage as Cytoscape elements, with the facilities behind an offending share marked. */
    @GetMapping(path = "/console/lots/{lotId}/graph", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    LineageGraph.Graph graph(@PathVariable String lotId, @RequestParam(defaultValue = "auto") String detail,
                             @RequestParam(required = false) Integer maxDepth) {
        List<Lineage> walks = List.of(lots.lineage(lotId, "UPSTREAM", maxDepth),
                                      lots.lineage(lotId, "DOWNSTREAM", maxDepth));
        Set<String> offending = new LinkedHashSet<>();
        Instant now = Instant.now();
        for (String policy : List.of("BLOC_ORIGIN", "DFARS_252_225_7052")) {
            checks.check(lotId, policy, now, null).evidence().forEach(e -> offending.add(e.facilityId()));
        }
        console.flagIdsOfLot(lotId).stream().map(flags::find).flatMap(Optional::stream)
               .filter(f -> f.status().equals("OPEN") || f.status().equals("CONFIRMED"))
               .forEach(f -> f.evidence().forEach(e -> offending.add(e.facilityId())));
        return LineageGraph.of(lotId, walks, offending, detail);
    }

    @GetMapping("/console/lots/{lotId}/check")
    String check(@PathVariable String lotId, @RequestParam String policy,
                 @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf, Model model) {
        model.addAttribute("check", checks.check(lotId, policy, asOf.atStartOfDay(ZoneOffset.UTC).toInstant(), null));
        return "console/check :: result";
    }

    @GetMapping("/console/lots/{lotId}/events")
    String events(@PathVariable String lotId, Model model) {
        model.addAttribute("history", lots.events(lotId));
        return "console/events :: events";
    }

    /**
     * Each route of the composition in exactly one category, the first that applies: unknown
     * origin, non-bloc origin, non-bloc processing, non-bloc control, bloc. The exposure shares
     * beside the bar overlap (a route may be processed and controlled outside); the bar does not.
     */
    private List<Segment> segments(List<CompositionResponse.RouteShare> routes, Instant at) {
        Membership bloc = blocs.calendar(homeBloc).at(at);
        Map<String, BigDecimal> shares = new LinkedHashMap<>();
        for (String category : List.of("BLOC", "NON_BLOC_ORIGIN", "NON_BLOC_PROCESSING", "NON_BLOC_CONTROL",
                                       "UNKNOWN")) {
            shares.put(category, BigDecimal.ZERO);
        }
        for (CompositionResponse.RouteShare route : routes) {
            shares.merge(category(route, bloc), route.share(), BigDecimal::add);
        }
        List<Segment> segments = new ArrayList<>();
        shares.forEach((category, share) -> {
            if (share.signum() > 0) {
                segments.add(new Segment(category, label(category), share.stripTrailingZeros(),
                                         share.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP)
                                              .stripTrailingZeros().toPlainString()));
            }
        });
        return segments;
    }

    private static String category(CompositionResponse.RouteShare route, Membership bloc) {
        if (route.origin().equals("UNKNOWN")) {
            return "UNKNOWN";
        }
        String origin = route.origin().startsWith("DECLARED:") ? route.origin().substring(9) : route.origin();
        if (!bloc.isMember(origin)) {
            return "NON_BLOC_ORIGIN";
        }
        boolean processedOutside = route.stages().entrySet().stream()
                                        .anyMatch(s -> !s.getKey().equals("MINING")
                                                       && s.getValue().stream().anyMatch(c -> !bloc.isMember(c)));
        if (processedOutside) {
            return "NON_BLOC_PROCESSING";
        }
        if (route.control().stream().anyMatch(c -> !bloc.isMember(c))) {
            return "NON_BLOC_CONTROL";
        }
        return "BLOC";
    }

    private static String label(String category) {
        return switch (category) {
            case "BLOC" -> "bloc origin and processing";
            case "NON_BLOC_ORIGIN" -> "non-bloc origin";
            case "NON_BLOC_PROCESSING" -> "non-bloc processing";
            case "NON_BLOC_CONTROL" -> "non-bloc control";
            default -> "unknown origin";
        };
    }
}
