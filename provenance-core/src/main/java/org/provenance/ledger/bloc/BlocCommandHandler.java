package org.provenance.ledger.bloc;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.provenance.ledger.common.LedgerConflictException;
import org.provenance.ledger.common.LedgerNotFoundException;
import org.provenance.ledger.common.StreamIds;

/** Blocs, their members and their price floors: data the bloc administrator records. */
public class BlocCommandHandler {

    private final Repository<Bloc> blocs;

    public BlocCommandHandler(Repository<Bloc> blocs) {
        this.blocs = blocs;
    }

    @CommandHandler
    public String handle(CreateBloc command) throws Exception {
        try {
            blocs.load(StreamIds.bloc(command.blocId()));
            throw new LedgerConflictException("id-in-use", "id", "bloc " + command.blocId() + " already exists");
        } catch (AggregateNotFoundException e) {
            blocs.newInstance(() -> new Bloc(command));
            return command.blocId();
        }
    }

    @CommandHandler
    public String handle(AdmitMember command) {
        bloc(command.blocId()).execute(b -> b.admit(command.country(), command.effectiveFrom()));
        return command.country();
    }

    @CommandHandler
    public String handle(EndMembership command) {
        bloc(command.blocId()).execute(b -> b.end(command.country(), command.effectiveFrom()));
        return command.country();
    }

    @CommandHandler
    public String handle(SetPriceFloor command) {
        bloc(command.blocId()).execute(b -> b.setPriceFloor(command.mineral(), command.form(), command.currency(),
                                                            command.pricePerKg(), command.effectiveFrom()));
        return command.mineral() + "/" + command.form();
    }

    private Aggregate<Bloc> bloc(String blocId) {
        try {
            return blocs.load(StreamIds.bloc(blocId));
        } catch (AggregateNotFoundException e) {
            throw new LedgerNotFoundException("bloc", blocId);
        }
    }
}
