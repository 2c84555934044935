package org.provenance.ledger.api.rebuild;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.springboot.TokenStoreProperties;
import org.provenance.ledger.projections.support.ProjectionNames;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The shadow processor of a rebuild without downtime ({@link ShadowRebuild}), registered apart from
 * the live processors: a tracking processor {@value ProjectionNames#SHADOW} that does not start by
 * itself, with every read-model handler as a second instance ({@link ShadowProjections}), and a
 * transaction manager and token store on the {@link ShadowConnections}, so each batch's shadow rows
 * and the shadow token commit together, exactly as the live processor's do.
 */
@Configuration(proxyBeanMethods = false)
public class ShadowProcessorConfiguration {

    /** As the live processor's (application.yml): a batch takes what is there, up to this. */
    private static final int BATCH_SIZE = 1000;

    @Bean(destroyMethod = "close")
    ShadowConnections shadowConnections(DataSource dataSource) {
        return new ShadowConnections(dataSource);
    }

    @Bean(destroyMethod = "close")
    ShadowProjections shadowProjections(ApplicationContext context, ShadowConnections connections) {
        return new ShadowProjections(context, (DefaultListableBeanFactory) context.getAutowireCapableBeanFactory(),
                                     connections);
    }

    @Bean
    ConfigurerModule shadowProcessor(ShadowProjections projections, ShadowConnections connections,
                                     Serializer serializer, TokenSchema tokenSchema,
                                     ObjectProvider<TokenStoreProperties> tokenStore) {
        Duration claimTimeout = tokenStore.getIfAvailable(TokenStoreProperties::new).getClaimTimeout();
        Set<Object> shadowHandlers = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        return configurer -> {
            EventProcessingConfigurer processing = configurer.eventProcessing();
            processing.registerTrackingEventProcessor(
                    ProjectionNames.SHADOW, c -> c.eventStore(),
                    c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                                            .andBatchSize(BATCH_SIZE).andAutoStart(false));
            processing.registerTransactionManager(ProjectionNames.SHADOW, c -> new SpringTransactionManager(
                    new DataSourceTransactionManager(connections.dataSource())));
            processing.registerTokenStore(ProjectionNames.SHADOW, c -> JdbcTokenStore.builder()
                    .connectionProvider(new SpringDataSourceConnectionProvider(connections.dataSource()))
                    .schema(inPublic(tokenSchema)).serializer(serializer).claimTimeout(claimTimeout).build());
            for (String name : projections.names()) {
                // Wrapped, so that the handler's @ProcessingGroup (the live group) does not decide where it goes.
                processing.registerEventHandler(c -> {
                    Object handler = projections.handler(name);
                    Object adapter = new AnnotationEventHandlerAdapter(handler, c.parameterResolverFactory(),
                                                                       c.handlerDefinition(handler.getClass()));
                    shadowHandlers.add(adapter);
                    return adapter;
                });
            }
            processing.assignHandlerInstancesMatching(ProjectionNames.SHADOW, Integer.MAX_VALUE, shadowHandlers::contains);
        };
    }

    /** The token table named with its schema: the shadow's connections search the shadow schema only. */
    private static TokenSchema inPublic(TokenSchema schema) {
        return TokenSchema.builder().setTokenTable("public." + schema.tokenTable())
                          .setProcessorNameColumn(schema.processorNameColumn()).setSegmentColumn(schema.segmentColumn())
                          .setTokenColumn(schema.tokenColumn()).setTokenTypeColumn(schema.tokenTypeColumn())
                          .setTimestampColumn(schema.timestampColumn()).setOwnerColumn(schema.ownerColumn()).build();
    }
}
