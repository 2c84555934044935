package org.provenance.ledger;

import org.axonframework.modelling.command.Repository;
import org.provenance.ledger.bloc.Bloc;
import org.provenance.ledger.bloc.BlocCommandHandler;
import org.provenance.ledger.facility.Facility;
import org.provenance.ledger.facility.FacilityCommandHandler;
import org.provenance.ledger.flag.FlagCommandHandler;
import org.provenance.ledger.flag.FlagReview;
import org.provenance.ledger.lot.Lot;
import org.provenance.ledger.lot.LotCommandHandler;
import org.provenance.ledger.transformation.Transformation;
import org.provenance.ledger.transformation.TransformationCommandHandler;

import java.util.List;

/**
 * The domain's aggregates and command handlers, and how the handlers depend on each other: the
 * one place every wiring (the application, the in-memory test ledger, the benchmark's stock
 * comparator) takes them from, so none of them can drift.
 */
public final class LedgerDomain {

    public static final List<Class<?>> AGGREGATES =
            List.of(Facility.class, Lot.class, Transformation.class, Bloc.class, FlagReview.class);

    /** How many command handlers {@link #commandHandlers()} holds, for wirings that register them one by one. */
    public static final int COMMAND_HANDLERS = 5;

    /** The aggregates' repositories, as the framework configuration provides them. */
    public interface Repositories {
        <T> Repository<T> of(Class<T> aggregateType);
    }

    private final List<Object> commandHandlers;

    public LedgerDomain(Repositories repositories, FlagCommandHandler.RaisedFlags raisedFlags) {
        FacilityCommandHandler facilities = new FacilityCommandHandler(repositories.of(Facility.class));
        this.commandHandlers = List.of(
                facilities,
                new LotCommandHandler(repositories.of(Lot.class), facilities),
                new TransformationCommandHandler(repositories.of(Lot.class), repositories.of(Transformation.class),
                                                 facilities),
                new BlocCommandHandler(repositories.of(Bloc.class)),
                new FlagCommandHandler(repositories.of(FlagReview.class), raisedFlags));
        if (commandHandlers.size() != COMMAND_HANDLERS) {
            throw new IllegalStateException("COMMAND_HANDLERS must count the command handlers");
        }
    }

    public List<Object> commandHandlers() {
        return commandHandlers;
    }
}
