package org.provenance.ledger.api.config;

import org.provenance.ledger.api.write.WriteMetadata;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

import java.util.Map;

/**
 * Events carry the correlation id the client sent (a purchase order, a shipment number), or the
 * command's id when it sent none; traceId is always the message that caused them.
 */
public class ClientCorrelationProvider implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Object correlationId = message.getMetaData().getOrDefault(WriteMetadata.CORRELATION_ID, message.getIdentifier());
        return Map.of(WriteMetadata.CORRELATION_ID, correlationId, WriteMetadata.TRACE_ID, message.getIdentifier());
    }
}
