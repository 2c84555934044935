package org.provenance.ledger.api.nodes;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.common.AxonThreadFactory;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.pooled.MaxSegmentProvider;
import org.axonframework.springboot.TokenStoreProperties;
import org.provenance.ledger.projections.support.ProjectionNames;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;

/**
 * The projections' event processors and how several nodes share them (SPEC 14; docs/DESIGN.md,
 * "Several nodes"). The one place processors are laid out:
 * <ul>
 * <li>{@code ledger} (application.yml): a tracking processor with ONE segment. Its projections
 * depend on each other across streams (a lot's composition on its inputs', a flag on the lot's
 * composition), so only one ordered stream of events may feed them: one node holds the claim, the
 * others stand by and take it over when the holder's claim is older than the claim timeout.</li>
 * <li>{@code ledger-edges} (here): a pooled streaming processor with {@value #EDGE_SEGMENTS}
 * segments for the keyed inserts nothing else reads (transfers, check receipts). Each node claims at
 * most its share, ceil(segments / live nodes), so the segments spread over the nodes, move to the
 * others when a node dies (after the claim timeout) and are handed back to a node that joins: Axon's
 * coordinator releases segments above the share by itself.</li>
 * </ul>
 * Six segments share out evenly over 1, 2, 3 and 6 nodes.
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionProcessorsConfiguration {

    public static final int EDGE_SEGMENTS = 6;
    /** How often a node without a claim looks for unclaimed segments (Axon's default is 5 s). */
    static final long TOKEN_CLAIM_INTERVAL_MS = 2_000;

    @Bean
    LedgerNodes ledgerNodes(JdbcClient jdbc, @Value("${ledger.node-id:}") String nodeId,
                            ObjectProvider<TokenStoreProperties> tokenStore) {
        Duration claimTimeout = tokenStore.getIfAvailable(TokenStoreProperties::new).getClaimTimeout();
        return new LedgerNodes(jdbc, nodeId.isBlank() ? LedgerNodes.defaultNodeId() : nodeId, claimTimeout);
    }

    /**
     * The edge processor's threads, owned by the application context rather than by Axon's
     * configuration: Axon shuts its default ones down when the configuration stops, and a processor
     * whose executors are gone cannot start again. The context is stopped and started again without
     * being closed when Spring's test context cache pauses it, and could be by an operator.
     */
    @Bean(destroyMethod = "shutdown")
    ScheduledExecutorService edgeCoordinatorExecutor() {
        return Executors.newScheduledThreadPool(1, new AxonThreadFactory("Coordinator[" + ProjectionNames.EDGES + "]"));
    }

    @Bean(destroyMethod = "shutdown")
    ScheduledExecutorService edgeWorkerExecutor() {
        return Executors.newScheduledThreadPool(4, new AxonThreadFactory("WorkPackage[" + ProjectionNames.EDGES + "]"));
    }

    @Bean
    ConfigurerModule edgeProcessor(LedgerNodes nodes, ScheduledExecutorService edgeCoordinatorExecutor,
                                   ScheduledExecutorService edgeWorkerExecutor) {
        MaxSegmentProvider share = group -> Math.max(1, (EDGE_SEGMENTS + nodes.live() - 1) / nodes.live());
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessor(
                ProjectionNames.EDGES,
                org.axonframework.config.Configuration::eventStore,
                (config, builder) -> builder.coordinatorExecutor(edgeCoordinatorExecutor)
                                            .workerExecutor(edgeWorkerExecutor)
                                            .initialSegmentCount(EDGE_SEGMENTS)
                                            .batchSize(1000)
                                            .tokenClaimInterval(TOKEN_CLAIM_INTERVAL_MS)
                                            .maxSegmentProvider(share));
    }
}
