package org.provenance.ledger.api.health;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/** Down when a projection's processor stopped or is retrying after an error: its read models go stale. */
@Component("eventProcessors")
public class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final ObjectProvider<Configuration> axon;

    public EventProcessorsHealthIndicator(ObjectProvider<Configuration> axon) {
        this.axon = axon;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean healthy = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (var entry : axon.getObject().eventProcessingConfiguration().eventProcessors().entrySet()) {
            Map<String, Object> processor = new LinkedHashMap<>();
            boolean running = entry.getValue().isRunning();
            boolean error = entry.getValue().isError();
            processor.put("running", running);
            processor.put("error", error);
            if (entry.getValue() instanceof StreamingEventProcessor streaming) {
                long position = streaming.processingStatus().values().stream()
                                         .map(EventTrackerStatus::getCurrentPosition)
                                         .mapToLong(p -> p.orElse(-1)).min().orElse(-1);
                processor.put("position", position);
                processor.put("caughtUp", streaming.processingStatus().values().stream()
                                                   .allMatch(EventTrackerStatus::isCaughtUp));
            }
            healthy &= running && !error;
            details.put(entry.getKey(), processor);
        }
        (healthy ? builder.up() : builder.down()).withDetails(details);
    }
}
