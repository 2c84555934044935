package org.provenance.ledger.api.console;

import org.provenance.ledger.api.lot.LotController;
import org.provenance.ledger.api.transfer.TransferController;
import org.provenance.ledger.api.transformation.TransformationController;
import org.provenance.ledger.common.LedgerException;
import org.provenance.ledger.lot.UnitPrice;
import org.provenance.ledger.transformation.Stage;
import org.provenance.ledger.transformation.TransformLots;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Operators record extractions, transfers and transformations at their own facilities. The forms
 * go through the API's own handlers, so the refusals (validation, facility scope, custody, mass)
 * are the API's, field by field; the console only turns form text into the request's types.
 */
@io.swagger.v3.oas.annotations.Hidden
@Controller
class RecordPages {

    private final LotController lots;
    private final TransferController transfers;
    private final TransformationController transformations;

    RecordPages(LotController lots, TransferController transfers, TransformationController transformations) {
        this.lots = lots;
        this.transfers = transfers;
        this.transformations = transformations;
    }

    @GetMapping("/console/record")
    String forms(Model model) {
        model.addAttribute("stages", Arrays.stream(Stage.values()).filter(s -> s != Stage.MINING).map(Enum::name)
                                           .toList());
        model.addAttribute("form", model.containsAttribute("form") ? model.getAttribute("form") : "");
        if (!model.containsAttribute("values")) {
            model.addAttribute("values", Map.of());
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "console/record";
    }

    @PostMapping("/console/record/transfers")
    String transfer(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        BigDecimal amount = decimal(form, "unitPrice.amount", errors);
        Instant occurredAt = instant(form, "occurredAt", errors);
        UnitPrice price = amount == null && text(form, "unitPrice.currency") == null ? null
                : new UnitPrice(amount, text(form, "unitPrice.currency"));
        return submit("transfer", form, errors, model, redirect, () -> transfers.transfer(
                new TransferController.TransferRequest(text(form, "id"), text(form, "lotId"),
                                                       text(form, "fromFacilityId"), text(form, "toFacilityId"),
                                                       price, occurredAt)).getBody().id());
    }

    @PostMapping("/console/record/extractions")
    String extraction(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        BigDecimal mass = decimal(form, "massKg", errors);
        Instant occurredAt = instant(form, "occurredAt", errors);
        return submit("extraction", form, errors, model, redirect, () -> lots.extract(
                new LotController.ExtractionRequest(text(form, "lotId"), text(form, "mineId"), text(form, "mineral"),
                                                    text(form, "form"), mass, occurredAt)).getBody().id());
    }

    /** One input and one output: the common case; more go through the API. */
    @PostMapping("/console/record/transformations")
    String transformation(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        BigDecimal in = decimal(form, "inputs[0].massKg", errors);
        BigDecimal out = decimal(form, "outputs[0].massKg", errors);
        Instant occurredAt = instant(form, "occurredAt", errors);
        Stage stage = Arrays.stream(Stage.values()).filter(s -> s.name().equals(text(form, "stage"))).findFirst()
                            .orElse(null);
        return submit("transformation", form, errors, model, redirect, () -> transformations.transform(
                new TransformationController.TransformationRequest(
                        text(form, "id"), text(form, "facilityId"), stage,
                        List.of(new TransformLots.Input(text(form, "inputs[0].lotId"), in)),
                        List.of(new TransformLots.Output(text(form, "outputs[0].lotId"), text(form, "outputs[0].mineral"),
                                                         text(form, "outputs[0].form"), out)),
                        occurredAt)).getBody().id());
    }

    private String submit(String kind, Map<String, String> form, Map<String, String> errors, Model model,
                          RedirectAttributes redirect, Supplier<String> write) {
        if (errors.isEmpty()) {
            try {
                String id = write.get();
                redirect.addFlashAttribute("message", "Recorded " + kind + " " + id);
                return "redirect:/console/record";
            } catch (LedgerException e) {
                errors.putAll(ConsoleErrors.byField(e));
            } catch (AccessDeniedException e) {
                errors.put(kind.equals("extraction") ? "mineId" : kind.equals("transfer") ? "fromFacilityId"
                        : "facilityId", e.getMessage());
            }
        }
        model.addAttribute("form", kind);
        model.addAttribute("values", form);
        model.addAttribute("errors", errors);
        return forms(model);
    }

    private static String text(Map<String, String> form, String name) {
        String value = form.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static BigDecimal decimal(Map<String, String> form, String name, Map<String, String> errors) {
        String value = text(form, name);
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            errors.put(name, "must be a number");
            return null;
        }
    }

    /** An instant with an offset or Z, as the API takes it; empty means now. */
    private static Instant instant(Map<String, String> form, String name, Map<String, String> errors) {
        String value = text(form, name);
        if (value == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.put(name, "must be an ISO-8601 instant with an offset or Z, e.g. 2026-03-01T08:00:00Z");
            return null;
        }
    }
}
