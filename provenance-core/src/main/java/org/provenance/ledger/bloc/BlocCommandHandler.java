package org.provenance.ledger.bloc;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.provenance.ledger.common.LedgerConflictException;
import org.provenance.ledger.common.LedgerNotFoundException;
import org.provenance.ledger.common.StreamIds;
import org.provenance.ledger.common.Streams;

import java.util.function.Consumer;

/** Blocs, their members and their price floors: data the bloc administrator records. */
public class BlocCommandHandler {

    private final Repository<Bloc> blocs;

    public BlocCommandHandler(Repository<Bloc> blocs) {
        this.blocs = blocs;
    }

    @CommandHandler
    public String handle(CreateBloc command) throws Exception {
        Streams.requireNew(blocs, StreamIds.bloc(command.blocId()), "id", "bloc " + command.blocId() + " already exists");
        blocs.newInstance(() -> new Bloc(command));
        return command.blocId();
    }

    @CommandHandler
    public String handle(AdmitMember command) {
        changeMembership(command.blocId(), b -> b.admit(command.country(), command.effectiveFrom()));
        return command.country();
    }

    @CommandHandler
    public String handle(EndMembership command) {
        changeMembership(command.blocId(), b -> b.end(command.country(), command.effectiveFrom()));
        return command.country();
    }

    @CommandHandler
    public String handle(SetPriceFloor command) {
        bloc(command.blocId()).execute(b -> b.setPriceFloor(command.mineral(), command.form(), command.currency(),
                                                            command.pricePerKg(), command.effectiveFrom()));
        return command.mineral() + "/" + command.form();
    }

    /** Membership commands share their field names: country, effectiveFrom. */
    private void changeMembership(String blocId, Consumer<Bloc> change) {
        try {
            bloc(blocId).execute(change);
        } catch (LedgerConflictException refused) {
            throw refused.about(switch (refused.refusal()) {
                case ALREADY_MEMBER, NOT_A_MEMBER -> "country";
                case OUT_OF_ORDER -> "effectiveFrom";
                default -> refused.field();
            });
        }
    }

    private Aggregate<Bloc> bloc(String blocId) {
        try {
            return blocs.load(StreamIds.bloc(blocId));
        } catch (AggregateNotFoundException e) {
            throw new LedgerNotFoundException("bloc", blocId);
        }
    }
}
