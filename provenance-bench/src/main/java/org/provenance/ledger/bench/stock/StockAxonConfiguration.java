package org.provenance.ledger.bench.stock;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.provenance.ledger.bloc.Bloc;
import org.provenance.ledger.bloc.BlocCommandHandler;
import org.provenance.ledger.common.CommandValidationInterceptor;
import org.provenance.ledger.facility.Facility;
import org.provenance.ledger.facility.FacilityCommandHandler;
import org.provenance.ledger.flag.FlagCommandHandler;
import org.provenance.ledger.flag.FlagReview;
import org.provenance.ledger.lot.Lot;
import org.provenance.ledger.lot.LotCommandHandler;
import org.provenance.ledger.projections.flag.FlagQueries;
import org.provenance.ledger.transformation.Transformation;
import org.provenance.ledger.transformation.TransformationCommandHandler;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The product's domain wired as in provenance-api's LedgerAxonConfiguration, and nothing else:
 * Axon's Spring Boot auto-configuration supplies the JPA event storage engine, the JPA token store
 * and the processors, with their defaults.
 */
@Configuration(proxyBeanMethods = false)
public class StockAxonConfiguration {

    @Bean
    ConfigurerModule stockDomain(FlagQueries flags) {
        return configurer -> configurer
                .configureAggregate(Facility.class)
                .configureAggregate(Lot.class)
                .configureAggregate(Transformation.class)
                .configureAggregate(Bloc.class)
                .configureAggregate(FlagReview.class)
                .registerComponent(FacilityCommandHandler.class,
                                   c -> new FacilityCommandHandler(c.repository(Facility.class)))
                .registerCommandHandler(c -> c.getComponent(FacilityCommandHandler.class))
                .registerCommandHandler(c -> new LotCommandHandler(
                        c.repository(Lot.class), c.getComponent(FacilityCommandHandler.class)))
                .registerCommandHandler(c -> new TransformationCommandHandler(
                        c.repository(Lot.class), c.repository(Transformation.class),
                        c.getComponent(FacilityCommandHandler.class)))
                .registerCommandHandler(c -> new BlocCommandHandler(c.repository(Bloc.class)))
                .registerCommandHandler(c -> new FlagCommandHandler(c.repository(FlagReview.class), flags::exists));
    }

    @Bean
    InitializingBean stockCommandValidation(CommandBus commandBus) {
        return () -> commandBus.registerDispatchInterceptor(new CommandValidationInterceptor());
    }
}
