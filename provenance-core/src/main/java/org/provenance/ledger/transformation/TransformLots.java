package org.provenance.ledger.transformation;

import org.provenance.ledger.common.ValidatedCommand;
import org.provenance.ledger.common.Validation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One processing step at one facility: consumes the given masses of input lots in its custody and
 * produces new output lots. Splitting and blending are transformations too.
 */
public record TransformLots(String transformationId, String facilityId, Stage stage, List<Input> inputs,
                            List<Output> outputs, Instant occurredAt) implements ValidatedCommand {

    /** At most this many inputs or outputs: a day's blend, not a whole warehouse. */
    public static final int MAX_LOTS = 1000;

    public record Input(String lotId, BigDecimal massKg) {
    }

    public record Output(String lotId, String mineral, String form, BigDecimal massKg) {
    }

    @Override
    public void validate(Validation check) {
        check.id("id", transformationId)
             .id("facilityId", facilityId)
             .present("stage", stage)
             .instant("occurredAt", occurredAt);
        if (stage == Stage.MINING) {
            check.error("stage", "MINING is recorded as an extraction, not a transformation");
        }
        validateInputs(check);
        validateOutputs(check);
    }

    private void validateInputs(Validation check) {
        if (inputs == null || inputs.isEmpty()) {
            check.error("inputs", "must list at least one input lot");
            return;
        }
        if (inputs.size() > MAX_LOTS) {
            check.error("inputs", "must list at most " + MAX_LOTS + " lots");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            Input input = inputs.get(i);
            String field = "inputs[" + i + "]";
            if (input == null) {
                check.error(field, "is required");
                continue;
            }
            check.id(field + ".lotId", input.lotId()).mass(field + ".massKg", input.massKg());
            if (input.lotId() != null && !seen.add(input.lotId())) {
                check.error(field + ".lotId", "lot " + input.lotId() + " is listed twice");
            }
        }
    }

    private void validateOutputs(Validation check) {
        if (outputs == null || outputs.isEmpty()) {
            check.error("outputs", "must list at least one output lot");
            return;
        }
        if (outputs.size() > MAX_LOTS) {
            check.error("outputs", "must list at most " + MAX_LOTS + " lots");
            return;
        }
        Set<String> seen = new HashSet<>();
        Set<String> inputIds = new HashSet<>();
        if (inputs != null) {
            inputs.stream().filter(i -> i != null && i.lotId() != null).forEach(i -> inputIds.add(i.lotId()));
        }
        for (int i = 0; i < outputs.size(); i++) {
            Output output = outputs.get(i);
            String field = "outputs[" + i + "]";
            if (output == null) {
                check.error(field, "is required");
                continue;
            }
            check.id(field + ".lotId", output.lotId())
                 .mineral(field + ".mineral", output.mineral())
                 .form(field + ".form", output.form())
                 .mass(field + ".massKg", output.massKg());
            if (output.lotId() != null && !seen.add(output.lotId())) {
                check.error(field + ".lotId", "lot " + output.lotId() + " is listed twice");
            } else if (inputIds.contains(output.lotId())) {
                check.error(field + ".lotId", "lot " + output.lotId() + " is also an input");
            }
        }
    }
}
