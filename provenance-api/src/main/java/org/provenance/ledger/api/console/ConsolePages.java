package org.provenance.ledger.api.console;

import org.provenance.ledger.api.read.ProjectionBarrier;
import org.provenance.ledger.common.Validation;
import org.provenance.ledger.projections.bloc.BlocProjection;
import org.provenance.ledger.projections.console.ConsoleQueries;
import org.provenance.ledger.projections.flag.FlagQueries;
import org.provenance.ledger.projections.flag.FlagView;
import org.provenance.ledger.projections.lot.LotQueries;
import org.provenance.ledger.projections.listing.ListQueries;
import org.provenance.ledger.projections.facility.FacilityProjection;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.ArrayList;
import java.util.List;

/** The console's landing pages: login, overview and search. */
@io.swagger.v3.oas.annotations.Hidden
@Controller
class ConsolePages {

    private final ConsoleQueries console;
    private final FlagQueries flags;
    private final BlocProjection blocs;
    private final ListQueries lists;
    private final LotQueries lots;
    private final FacilityProjection facilities;
    private final ProjectionBarrier barrier;
    private final ObjectProvider<ClientRegistrationRepository> oidc;
    private final String homeBloc;

    ConsolePages(ConsoleQueries console, FlagQueries flags, BlocProjection blocs, ListQueries lists, LotQueries lots,
                 FacilityProjection facilities, ProjectionBarrier barrier,
                 ObjectProvider<ClientRegistrationRepository> oidc, @Value("${ledger.home-bloc}") String homeBloc) {
        this.console = console;
        this.flags = flags;
        this.blocs = blocs;
        this.lists = lists;
        this.lots = lots;
        this.facilities = facilities;
        this.barrier = barrier;
        this.oidc = oidc;
        this.homeBloc = homeBloc;
    }

    @GetMapping("/login")
    String login(Model model) {
        List<ClientRegistration> providers = new ArrayList<>();
        if (oidc.getIfAvailable() instanceof Iterable<?> registrations) {
            registrations.forEach(r -> providers.add((ClientRegistration) r));
        }
        model.addAttribute("providers", providers);
        return "console/login";
    }

    @GetMapping("/")
    String overview(@ModelAttribute("user") ConsoleUser user, Model model) {
        if (!user.reader()) {
            return "redirect:/console/record";
        }
        barrier.awaitAcknowledgedWrites();
        model.addAttribute("openFlags", console.openFlagsByTypeAndFacility());
        List<FlagView> recent = flags.search(new FlagQueries.Filter("OPEN", null, null), 0, 50).items().stream()
                                     .filter(f -> f.subject().kind().equals("TRANSFER")).limit(10).toList();
        model.addAttribute("recent", recent);
        model.addAttribute("homeBlocId", homeBloc);
        model.addAttribute("bloc", blocs.find(homeBloc).orElse(null));
        return "console/overview";
    }

    /** An exact lot or facility id opens it; anything else lists what starts with it. */
    @GetMapping("/console/search")
    String search(@RequestParam(required = false) String q, Model model) {
        model.addAttribute("q", q);
        if (q == null || q.isBlank()) {
            return "console/search";
        }
        String id = q.strip();
        if (!Validation.isId(id)) {
            model.addAttribute("error", "An id is 1 to 128 characters of A-Z a-z 0-9 . _ : -");
            return "console/search";
        }
        barrier.awaitAcknowledgedWrites();
        if (lots.find(id).isPresent()) {
            return "redirect:/console/lots/" + id;
        }
        if (facilities.find(id).isPresent()) {
            return "redirect:/console/facilities/" + id;
        }
        model.addAttribute("lots", lists.lots(new ListQueries.LotFilter(id, null, null, null, null), 0, 50));
        model.addAttribute("facilities", lists.facilities(new ListQueries.FacilityFilter(id, null, null), 0, 50));
        return "console/search";
    }
}
