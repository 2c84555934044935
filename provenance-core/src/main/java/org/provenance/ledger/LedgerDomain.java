package org.provenance.ledger;

import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.lifecycle.Phase;
import org.provenance.ledger.bloc.Bloc;
import org.provenance.ledger.bloc.BlocCommandHandler;
import org.provenance.ledger.check.CheckCommandHandler;
import org.provenance.ledger.check.CheckRecord;
import org.provenance.ledger.common.CommandValidationInterceptor;
import org.provenance.ledger.epcis.EpcisCommandHandler;
import org.provenance.ledger.epcis.EpcisEventRecord;
import org.provenance.ledger.facility.Facility;
import org.provenance.ledger.facility.FacilityCommandHandler;
import org.provenance.ledger.flag.FlagCommandHandler;
import org.provenance.ledger.flag.FlagReview;
import org.provenance.ledger.lot.Lot;
import org.provenance.ledger.lot.LotCommandHandler;
import org.provenance.ledger.transformation.Transformation;
import org.provenance.ledger.transformation.TransformationCommandHandler;

import java.util.List;
import java.util.function.Function;

/**
 * The write side as one Axon module: aggregates, command handlers and the validation interceptor.
 * The application, the in-memory test ledger and the benchmark's stock comparator all call
 * {@link #configure}, so what is tested and measured is what runs.
 */
public final class LedgerDomain {

    public static final List<Class<?>> AGGREGATES =
            List.of(Facility.class, Lot.class, Transformation.class, Bloc.class, FlagReview.class,
                    CheckRecord.class, EpcisEventRecord.class);

    private final FacilityCommandHandler facilities;
    private final LotCommandHandler lots;
    private final TransformationCommandHandler transformations;
    private final BlocCommandHandler blocs;
    private final FlagCommandHandler flags;
    private final CheckCommandHandler checks;
    private final EpcisCommandHandler epcis;

    private LedgerDomain(Configuration c, FlagCommandHandler.RaisedFlags raisedFlags) {
        // The lot and transformation handlers check facilities through the facility handler, which
        // reads the facilities' own streams.
        this.facilities = new FacilityCommandHandler(c.repository(Facility.class));
        this.lots = new LotCommandHandler(c.repository(Lot.class), facilities);
        this.transformations = new TransformationCommandHandler(c.repository(Lot.class),
                                                                c.repository(Transformation.class), facilities);
        this.blocs = new BlocCommandHandler(c.repository(Bloc.class));
        this.flags = new FlagCommandHandler(c.repository(FlagReview.class), raisedFlags);
        this.checks = new CheckCommandHandler(c.repository(CheckRecord.class));
        this.epcis = new EpcisCommandHandler(c.repository(EpcisEventRecord.class));
    }

    /**
     * Registers the domain with the configurer. Whether a flag was raised is a read-side fact, so
     * the caller supplies it (the flags projection, or a stand-in in tests).
     */
    public static void configure(Configurer configurer, FlagCommandHandler.RaisedFlags raisedFlags) {
        configure(configurer, raisedFlags, AggregateConfigurer::defaultConfiguration);
    }

    /**
     * As {@link #configure(Configurer, FlagCommandHandler.RaisedFlags)}, with each aggregate's
     * configuration made by the caller (the application adds caches to some repositories).
     */
    public static void configure(Configurer configurer, FlagCommandHandler.RaisedFlags raisedFlags,
                                 Function<Class<?>, AggregateConfigurer<?>> aggregates) {
        AGGREGATES.forEach(type -> configurer.configureAggregate(aggregates.apply(type)));
        configurer.registerComponent(LedgerDomain.class, c -> new LedgerDomain(c, raisedFlags));
        register(configurer, d -> d.facilities);
        register(configurer, d -> d.lots);
        register(configurer, d -> d.transformations);
        register(configurer, d -> d.blocs);
        register(configurer, d -> d.flags);
        register(configurer, d -> d.checks);
        register(configurer, d -> d.epcis);
        // At start rather than at build: in Spring the command bus bean needs the built configuration.
        configurer.onInitialize(c -> c.onStart(Phase.LOCAL_MESSAGE_HANDLER_REGISTRATIONS,
                () -> c.commandBus().registerDispatchInterceptor(new CommandValidationInterceptor())));
    }

    private static void register(Configurer configurer, Function<LedgerDomain, Object> handler) {
        configurer.registerCommandHandler(c -> handler.apply(c.getComponent(LedgerDomain.class)));
    }
}
