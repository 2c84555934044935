package org.provenance.ledger.api.console;

import org.provenance.ledger.api.flag.FlagController;
import org.provenance.ledger.common.LedgerException;
import org.provenance.ledger.flag.FlagType;
import org.provenance.ledger.flag.ReviewDecision;
import org.provenance.ledger.projections.flag.FlagQueries;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Flags: filtered list, one flag with its evidence and review history, and the review form. */
@io.swagger.v3.oas.annotations.Hidden
@Controller
class FlagPages {

    static final List<String> STATUSES = List.of("OPEN", "FALSE_POSITIVE", "ACCEPTED_RISK", "CONFIRMED");

    private final FlagController flags;

    FlagPages(FlagController flags) {
        this.flags = flags;
    }

    @GetMapping("/console/flags")
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) String type,
                @RequestParam(required = false) String facilityId, @RequestParam(defaultValue = "0") int page,
                Model model) {
        status = blankToNull(status);
        type = blankToNull(type);
        facilityId = blankToNull(facilityId);
        // the API's own handler: same validation, same answer
        model.addAttribute("page", flags.search(status, type, facilityId, page, 50, null, null).getBody());
        model.addAttribute("status", status == null ? "" : status.toUpperCase(Locale.ROOT));
        model.addAttribute("type", type == null ? "" : type.toUpperCase(Locale.ROOT));
        model.addAttribute("facilityId", facilityId == null ? "" : facilityId);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("types", Arrays.stream(FlagType.values()).map(Enum::name).toList());
        return "console/flags";
    }

    @GetMapping("/console/flags/{flagId}")
    String flag(@PathVariable String flagId, Model model) {
        model.addAttribute("flag", flags.get(flagId, null));
        model.addAttribute("decisions", Arrays.stream(ReviewDecision.values()).map(Enum::name).toList());
        return "console/flag";
    }

    @PostMapping("/console/flags/{flagId}/reviews")
    String review(@PathVariable String flagId, @RequestParam(required = false) String decision,
                  @RequestParam(required = false) String note, Model model, RedirectAttributes redirect) {
        ReviewDecision chosen = Arrays.stream(ReviewDecision.values()).filter(d -> d.name().equals(decision))
                                      .findFirst().orElse(null);
        try {
            flags.review(flagId, new FlagController.ReviewRequest(chosen, blankToNull(note)));
        } catch (LedgerException e) {
            model.addAttribute("errors", ConsoleErrors.byField(e));
            model.addAttribute("note", note);
            return flag(flagId, model);
        }
        redirect.addFlashAttribute("message", "Review recorded: " + decision);
        return "redirect:/console/flags/" + flagId;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
