package org.provenance.ledger.api.console;

import org.provenance.ledger.api.facility.FacilityController;
import org.provenance.ledger.projections.console.ConsoleQueries;
import org.provenance.ledger.projections.flag.FlagQueries;
import org.provenance.ledger.projections.listing.ListQueries;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.util.Optional;

/** A facility: details, mass balance, lots in custody, flags where it is buyer, seller or evidence. */
@io.swagger.v3.oas.annotations.Hidden
@Controller
class FacilityPages {

    private final FacilityController facilities;
    private final ListQueries lists;
    private final FlagQueries flags;
    private final ConsoleQueries console;

    FacilityPages(FacilityController facilities, ListQueries lists, FlagQueries flags, ConsoleQueries console) {
        this.facilities = facilities;
        this.lists = lists;
        this.flags = flags;
        this.console = console;
    }

    @GetMapping("/console/facilities/{facilityId}")
    String facility(@PathVariable String facilityId, Model model) {
        model.addAttribute("facility", facilities.get(facilityId));
        model.addAttribute("balance", facilities.massBalance(facilityId));
        model.addAttribute("lots", lists.lots(new ListQueries.LotFilter(null, facilityId, null, "ACTIVE", null), 0, 100));
        model.addAttribute("partyFlags", flags.search(new FlagQueries.Filter(null, null, facilityId), 0, 100));
        model.addAttribute("evidenceFlags", console.flagIdsWithEvidenceAt(facilityId, 100).stream().map(flags::find)
                                                   .flatMap(Optional::stream).toList());
        return "console/facility";
    }
}
