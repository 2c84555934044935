package org.provenance.ledger.transformation;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.provenance.ledger.common.InvalidCommandException;
import org.provenance.ledger.common.LedgerConflictException;
import org.provenance.ledger.common.Masses;
import org.provenance.ledger.common.StreamIds;
import org.provenance.ledger.common.Streams;
import org.provenance.ledger.facility.FacilityDirectory;
import org.provenance.ledger.facility.FacilityKind;
import org.provenance.ledger.facility.FacilityProfile;
import org.provenance.ledger.lot.Lot;
import org.provenance.ledger.lot.LotCommandHandler;
import org.provenance.ledger.lot.LotProduced;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Applies a transformation to all the lots it touches in one unit of work, so its events are
 * appended in one database transaction or not at all. Two transformations racing for a lot: one
 * wins, the other fails on the lot's stream version.
 */
public class TransformationCommandHandler {

    private final Repository<Lot> lots;
    private final Repository<Transformation> transformations;
    private final FacilityDirectory facilities;

    public TransformationCommandHandler(Repository<Lot> lots, Repository<Transformation> transformations,
                                        FacilityDirectory facilities) {
        this.lots = lots;
        this.transformations = transformations;
        this.facilities = facilities;
    }

    @CommandHandler
    public String handle(TransformLots command) throws Exception {
        FacilityProfile facility = facilities.find(command.facilityId()).orElseThrow(
                () -> InvalidCommandException.of("facilityId", "no facility " + command.facilityId() + " is registered"));
        requireMayProcess(facility, command.stage());
        Streams.requireNew(transformations, StreamIds.transformation(command.transformationId()), "id",
                           "transformation " + command.transformationId() + " already exists");
        for (int i = 0; i < command.outputs().size(); i++) {
            LotCommandHandler.requireUnused(lots, command.outputs().get(i).lotId(), "outputs[" + i + "].lotId");
        }

        // Load inputs in id order: two transformations sharing lots then lock them in the same order.
        List<Integer> order = IntStream.range(0, command.inputs().size()).boxed()
                .sorted(Comparator.comparing(i -> command.inputs().get(i).lotId())).toList();
        for (int i : order) {
            TransformLots.Input input = command.inputs().get(i);
            String field = "inputs[" + i + "]";
            Aggregate<Lot> lot = LotCommandHandler.existingLot(lots, input.lotId(), field + ".lotId");
            try {
                lot.execute(l -> l.consume(command.transformationId(), command.facilityId(), input.massKg(),
                                           command.occurredAt()));
            } catch (LedgerConflictException refused) {
                throw refused.about(switch (refused.refusal()) {
                    case NOT_IN_CUSTODY, LOT_CONSUMED -> field + ".lotId";
                    case INSUFFICIENT_MASS -> field + ".massKg";
                    case OUT_OF_ORDER -> "occurredAt";
                    default -> refused.field();
                });
            }
        }

        List<TransformationRecorded.Input> inputs = new ArrayList<>();
        BigDecimal consumed = BigDecimal.ZERO;
        for (TransformLots.Input input : command.inputs()) {
            inputs.add(new TransformationRecorded.Input(input.lotId(), Masses.normalize(input.massKg())));
            consumed = consumed.add(input.massKg());
        }
        List<TransformationRecorded.Output> outputs = new ArrayList<>();
        BigDecimal produced = BigDecimal.ZERO;
        for (TransformLots.Output output : command.outputs()) {
            outputs.add(new TransformationRecorded.Output(output.lotId(), output.mineral(), output.form(),
                                                          Masses.normalize(output.massKg())));
            produced = produced.add(output.massKg());
        }
        TransformationRecorded recorded = new TransformationRecorded(
                command.transformationId(), command.facilityId(), command.stage(), inputs, outputs,
                Masses.normalize(consumed), Masses.normalize(produced), command.occurredAt());
        transformations.newInstance(() -> new Transformation(recorded));

        for (TransformationRecorded.Output output : outputs) {
            lots.newInstance(() -> Lot.produce(new LotProduced(output.lotId(), command.transformationId(),
                                                               command.facilityId(), output.mineral(), output.form(),
                                                               output.massKg(), command.occurredAt())));
        }
        return command.transformationId();
    }

    private static void requireMayProcess(FacilityProfile facility, Stage stage) {
        boolean allowed = facility.kind() == FacilityKind.PROCESSOR
                || (facility.kind() == FacilityKind.TRADER && stage.isRegrouping());
        if (!allowed) {
            throw InvalidCommandException.of("facilityId", "a " + facility.kind() + " cannot record a " + stage
                    + " transformation; processors can, and traders only BLENDING and SPLITTING");
        }
    }
}
