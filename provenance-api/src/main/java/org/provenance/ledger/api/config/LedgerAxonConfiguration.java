package org.provenance.ledger.api.config;

import org.axonframework.config.ConfigurerModule;
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

    public static final String PRINCIPAL = "principal";
    public static final String REQUEST_ID = "requestId";
    public static final String RECORDED_AT = "recordedAt";

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

    /** As Axon's JDBC auto-configuration builds it; declared here because the event store below replaces Axon's. */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                          EventSchema eventSchema) {
        return JdbcEventStorageEngine.builder()
                                     .snapshotSerializer(defaultSerializer)
                                     .upcasterChain(configuration.upcasterChain())
                                     .persistenceExceptionResolver(new DuplicateKeyResolver())
                                     .eventSerializer(eventSerializer)
                                     .snapshotFilter(configuration.snapshotFilter())
                                     .connectionProvider(connectionProvider)
                                     .transactionManager(transactionManager)
                                     .schema(eventSchema)
                                     .build();
    }

    /**
     * Axon's default event store, with two settings changed. fetchDelay: when a processor finds
     * nothing new it looks again after this long (default 1 s); a commit notifies it anyway, so
     * this only bounds the lag after a commit it was not told about. optimizeEventConsumption off:
     * each processor reads the event table itself in global order instead of sharing a cache
     * filled in fetch order, in which an event committed late into a gap sits behind later ones.
     */
    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration) {
        return EmbeddedEventStore.builder()
                                 .storageEngine(storageEngine)
                                 .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                                 .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                                 .fetchDelay(100)
                                 .optimizeEventConsumption(false)
                                 .build();
    }

    @Bean
    ConfigurerModule ledgerDomain(FlagQueries flags) {
        return configurer -> LedgerDomain.configure(configurer, flags::exists);
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
        return new SimpleCorrelationDataProvider(PRINCIPAL, REQUEST_ID, RECORDED_AT);
    }
}
