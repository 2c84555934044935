package org.provenance.ledger.api.epcis.query;

import jakarta.annotation.PreDestroy;
import org.provenance.ledger.api.epcis.EpcisEventsCaptured;
import org.provenance.ledger.api.webhook.WebhookDispatcher;
import org.provenance.ledger.api.webhook.WebhookOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Streaming subscriptions ("stream": true): after each capture commits, every such subscription's
 * query runs once, restricted to the capture's new eventIDs, and what matches is queued as one
 * EPCISQueryDocument for its dest. Matching runs on a thread of its own, never the capture's request.
 */
@Component
public class EpcisSubscriptionMatcher {

    private static final Logger log = LoggerFactory.getLogger(EpcisSubscriptionMatcher.class);

    private final EpcisNamedQueries queries;
    private final EpcisEventStore store;
    private final WebhookOutbox outbox;
    private final WebhookDispatcher dispatcher;
    private final ObjectMapper json;
    private final ExecutorService executor =
            Executors.newSingleThreadExecutor(org.provenance.ledger.api.webhook.DaemonThreads.named("epcis-subscriptions"));

    public EpcisSubscriptionMatcher(EpcisNamedQueries queries, EpcisEventStore store, WebhookOutbox outbox,
                                    WebhookDispatcher dispatcher, ObjectMapper json) {
        this.queries = queries;
        this.store = store;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.json = json;
    }

    @EventListener
    public void captured(EpcisEventsCaptured captured) {
        if (!captured.eventIds().isEmpty()) {
            executor.execute(() -> match(captured));
        }
    }

    private void match(EpcisEventsCaptured captured) {
        try {
            int queued = 0;
            for (Map.Entry<EpcisNamedQueries.Subscription, JsonNode> entry : queries.streaming()) {
                EpcisNamedQueries.Subscription s = entry.getKey();
                List<EpcisEventStore.Row> rows = store.among(EpcisNamedQueries.toQuery(entry.getValue()),
                                                             captured.eventIds());
                if (s.initialRecordTime() != null) {
                    rows = rows.stream().filter(r -> !r.recordTime().isBefore(s.initialRecordTime())).toList();
                }
                if (!rows.isEmpty()) {
                    outbox.enqueue(WebhookOutbox.EPCIS_SUBSCRIPTION, s.subscriptionID(),
                                   EpcisDocuments.queryDocument(json, s.queryName(), s.subscriptionID(), rows));
                    queued++;
                }
            }
            if (queued > 0) {
                dispatcher.wake();
            }
        } catch (RuntimeException e) {
            log.warn("Matching capture {} ({} events) against the subscriptions failed; its events are still "
                     + "queryable but were not pushed: {}", captured.captureId(), captured.eventIds().size(),
                     e.toString());
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
    }
}
