package org.provenance.ledger.lot;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.provenance.ledger.common.InvalidCommandException;
import org.provenance.ledger.common.LedgerConflictException;
import org.provenance.ledger.common.Masses;
import org.provenance.ledger.common.StreamIds;
import org.provenance.ledger.common.Streams;
import org.provenance.ledger.facility.FacilityDirectory;
import org.provenance.ledger.facility.FacilityKind;
import org.provenance.ledger.facility.FacilityProfile;

import java.util.Optional;

/** Creates lots and moves them between facilities. */
public class LotCommandHandler {

    private final Repository<Lot> lots;
    private final FacilityDirectory facilities;

    public LotCommandHandler(Repository<Lot> lots, FacilityDirectory facilities) {
        this.lots = lots;
        this.facilities = facilities;
    }

    @CommandHandler
    public String handle(ExtractLot command) throws Exception {
        FacilityProfile mine = existingFacility(command.mineId(), "mineId");
        if (mine.kind() != FacilityKind.MINE) {
            throw InvalidCommandException.of("mineId", "facility " + mine.facilityId() + " is a " + mine.kind() + ", not a MINE");
        }
        requireUnused(lots, command.lotId(), "lotId");
        lots.newInstance(() -> new Lot(new LotExtracted(command.lotId(), command.mineId(), command.mineral(),
                                                        command.form(), Masses.normalize(command.massKg()),
                                                        command.occurredAt())));
        return command.lotId();
    }

    @CommandHandler
    public String handle(RegisterLot command) throws Exception {
        existingFacility(command.custodianId(), "custodianId");
        requireUnused(lots, command.lotId(), "lotId");
        lots.newInstance(() -> new Lot(new LotRegistered(command.lotId(), command.custodianId(), command.mineral(),
                                                         command.form(), Masses.normalize(command.massKg()),
                                                         command.declaredOrigin(), command.occurredAt())));
        return command.lotId();
    }

    @CommandHandler
    public String handle(TransferLot command) {
        existingFacility(command.toFacilityId(), "toFacilityId");
        Aggregate<Lot> lot = existingLot(lots, command.lotId(), "lotId");
        UnitPrice price = command.unitPrice() == null ? null
                : new UnitPrice(command.unitPrice().amount().stripTrailingZeros(), command.unitPrice().currency());
        try {
            lot.execute(l -> l.transfer(command.transferId(), command.fromFacilityId(), command.toFacilityId(), price,
                                        command.occurredAt()));
        } catch (LedgerConflictException refused) {
            throw refused.about(switch (refused.refusal()) {
                case NOT_IN_CUSTODY, LOT_CONSUMED -> "fromFacilityId";
                case OUT_OF_ORDER -> "occurredAt";
                default -> refused.field();
            });
        }
        return command.transferId();
    }

    @CommandHandler
    public String handle(VoidTransfer command) {
        Aggregate<Lot> lot;
        try {
            lot = lots.load(StreamIds.lot(command.lotId()));
        } catch (AggregateNotFoundException e) {
            throw new org.provenance.ledger.common.LedgerNotFoundException("transfer", command.transferId());
        }
        lot.execute(l -> l.voidTransfer(command.transferId(), command.reason().strip()));
        return command.transferId();
    }

    private FacilityProfile existingFacility(String facilityId, String field) {
        Optional<FacilityProfile> facility = facilities.find(facilityId);
        return facility.orElseThrow(() -> InvalidCommandException.of(field, "no facility " + facilityId + " is registered"));
    }

    /** Loads a lot a command refers to; an unknown id is an invalid command, not a missing resource. */
    public static Aggregate<Lot> existingLot(Repository<Lot> lots, String lotId, String field) {
        try {
            return lots.load(StreamIds.lot(lotId));
        } catch (AggregateNotFoundException e) {
            throw InvalidCommandException.of(field, "no lot " + lotId + " is recorded");
        }
    }

    /** Refuses a lot id already in use. */
    public static void requireUnused(Repository<Lot> lots, String lotId, String field) {
        Streams.requireNew(lots, StreamIds.lot(lotId), field, "lot " + lotId + " already exists");
    }
}
