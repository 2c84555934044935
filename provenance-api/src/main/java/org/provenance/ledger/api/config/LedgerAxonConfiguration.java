package org.provenance.ledger.api.config;

import org.provenance.ledger.api.nodes.LedgerNodes;
import org.provenance.ledger.api.write.AggregateCache;
import org.provenance.ledger.api.write.WriteMetadata;
import org.axonframework.config.AggregateConfigurer;
import org.provenance.ledger.facility.Facility;
import org.provenance.ledger.lot.Lot;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.time.Duration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.provenance.ledger.LedgerDomain;
import org.provenance.ledger.api.seal.SealingEventStorageEngine;
import org.provenance.ledger.audit.server.Seals;
import org.provenance.ledger.audit.server.TamperAlarm;
import org.provenance.ledger.api.read.ProjectionMonitor;
import org.provenance.ledger.projections.flag.FlagQueries;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the framework-free domain into Axon: JDBC event and token stores in snake_case tables
 * (created by Flyway), the aggregates and their command handlers, and the metadata every event
 * carries.
 */
@Configuration(proxyBeanMethods = false)
public class LedgerAxonConfiguration {

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                          .eventTable("domain_event_entry")
                          .snapshotTable("snapshot_event_entry")
                          .globalIndexColumn("global_index")
                          .timestampColumn("time_stamp")
                          .eventIdentifierColumn("event_identifier")
                          .aggregateIdentifierColumn("aggregate_identifier")
                          .sequenceNumberColumn("sequence_number")
                          .typeColumn("type")
                          .payloadTypeColumn("payload_type")
                          .payloadRevisionColumn("payload_revision")
                          .payloadColumn("payload")
                          .metaDataColumn("meta_data")
                          .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                          .setTokenTable("token_entry")
                          .setProcessorNameColumn("processor_name")
                          .setSegmentColumn("segment")
                          .setTokenColumn("token")
                          .setTokenTypeColumn("token_type")
                          .setTimestampColumn("timestamp")
                          .setOwnerColumn("owner")
                          .build();
    }

    /*
     * Axon's JdbcAutoConfiguration does not apply under Spring Boot 4.1: it is conditional on a
     * DataSource bean but not ordered after Boot 4's relocated DataSource auto-configuration, so it
     * backs off, and with it Axon's TransactionAutoConfiguration's work is not guaranteed either
     * (NoOpTransactionAutoConfiguration would then give Axon a manager that does nothing). The beans
     * it made are declared here, as it built them: the connection provider, the transaction manager,
     * the token store (snake_case schema), the persistence exception resolver, and the event
     * storage engine. No saga store or dead-letter queue: the ledger has neither (docs/DESIGN.md,
     * "Platform: Spring Boot 4.1, Jackson 3").
     */

    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    /** The tracking processors' positions; the general serializer writes the tokens, as Axon's auto-configuration did. */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema tokenSchema,
                          ObjectProvider<TokenStoreProperties> properties, LedgerNodes nodes) {
        Duration claimTimeout = properties.getIfAvailable(TokenStoreProperties::new).getClaimTimeout();
        return JdbcTokenStore.builder()
                             .connectionProvider(connectionProvider)
                             .nodeId(nodes.nodeId())
                             .schema(tokenSchema)
                             .serializer(serializer)
                             .claimTimeout(claimTimeout)
                             .build();
    }

    /** A duplicate (aggregate, sequence) is a concurrent write to the same stream: Axon retries or refuses it. */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new DuplicateKeyResolver();
    }

    /**
     * As Axon's JDBC auto-configuration builds it (declared here because the event store below replaces
     * Axon's), with commit seals: every append is sealed in its transaction, every load checks the seals.
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                          EventSchema eventSchema, PersistenceExceptionResolver persistenceExceptionResolver,
                                          Seals seals, TamperAlarm alarm) {
        return new SealingEventStorageEngine(JdbcEventStorageEngine.builder()
                                     .snapshotSerializer(defaultSerializer)
                                     .upcasterChain(configuration.upcasterChain())
                                     .persistenceExceptionResolver(persistenceExceptionResolver)
                                     .eventSerializer(eventSerializer)
                                     .snapshotFilter(configuration.snapshotFilter())
                                     .connectionProvider(connectionProvider)
                                     .transactionManager(transactionManager)
                                     .schema(eventSchema), seals, alarm, transactionManager);
    }

    /**
     * Axon's default event store, with one setting changed and a wake-up added.
     * optimizeEventConsumption off: each processor reads the event table itself in global order
     * instead of sharing a cache filled in fetch order, in which an event committed late into a gap
     * sits behind later ones. In that mode Axon's fetchDelay and commit signal do not reach the
     * processors (they belong to the shared reader); {@link WakingEventStore} gives them back: a
     * processor with nothing new looks again after {@code ledger.projection-poll} (100 ms), or at
     * once when this node commits.
     */
    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                  @org.springframework.beans.factory.annotation.Value("${ledger.projection-poll:100ms}")
                                  Duration poll) {
        return new WakingEventStore(EmbeddedEventStore.builder()
                                                      .storageEngine(storageEngine)
                                                      .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                                                      .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                                                      .fetchDelay(poll.toMillis())
                                                      .optimizeEventConsumption(false), poll);
    }

    /**
     * The domain, with facilities and lots cached between writes (AggregateCache says when a hit
     * counts): nearly every write loads a facility and a lot, and would otherwise read their streams
     * again, with their seals, each time.
     */
    @Bean
    ConfigurerModule ledgerDomain(FlagQueries flags, AggregateCache cache) {
        return configurer -> LedgerDomain.configure(configurer, flags::exists, type -> {
            AggregateConfigurer<?> aggregate = AggregateConfigurer.defaultConfiguration(type);
            if (type == Facility.class) {
                aggregate.configureCache(c -> cache.facilities());
            } else if (type == Lot.class) {
                aggregate.configureCache(c -> cache.lots());
            }
            return aggregate;
        });
    }

    /**
     * A projection handler that fails must stop its processor (which retries the batch with
     * back-off), never skip the event: a skipped event is a silently wrong read model. The monitor
     * records which event failed and why before the error propagates, for health, the admin view
     * and the reads' 503 (see ProjectionMonitor for why not a dead-letter queue).
     */
    @Bean
    ConfigurerModule failingProjectionsStop(ProjectionMonitor monitor) {
        return configurer -> configurer.eventProcessing()
                                       .registerDefaultListenerInvocationErrorHandler(c -> monitor.errorHandler());
    }

    @Bean
    CorrelationDataProvider correlationProvider() {
        return new ClientCorrelationProvider();
    }

    @Bean
    CorrelationDataProvider requestMetadataProvider() {
        return new SimpleCorrelationDataProvider(WriteMetadata.PRINCIPAL, WriteMetadata.REQUEST_ID,
                                                WriteMetadata.RECORDED_AT);
    }
}
