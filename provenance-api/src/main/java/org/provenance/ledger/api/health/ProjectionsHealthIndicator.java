package org.provenance.ledger.api.health;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.provenance.ledger.api.read.ProjectionBarrier;
import org.provenance.ledger.api.read.ProjectionMonitor;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Health component {@code projections}, meant for the readiness group: DOWN while a projection is
 * stopped on an error (and retrying) or not running, with the reason, since its read models go
 * stale and every read answers 503. A rebuild (start-up, replay) stays UP: the node still takes
 * writes, and its reads say 503 rebuilding themselves.
 */
@Component("projections")
public class ProjectionsHealthIndicator extends AbstractHealthIndicator {

    private final ProjectionMonitor monitor;
    private final ProjectionBarrier barrier;

    public ProjectionsHealthIndicator(ProjectionMonitor monitor, ProjectionBarrier barrier) {
        this.monitor = monitor;
        this.barrier = barrier;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean healthy = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (var entry : monitor.processors().entrySet()) {
            StreamingEventProcessor processor = entry.getValue();
            Map<String, Object> status = new LinkedHashMap<>();
            List<ProjectionMonitor.Stall> stalls = monitor.stalls(entry.getKey(), processor);
            boolean running = processor.isRunning();
            status.put("running", running);
            status.put("error", !stalls.isEmpty());
            long position = processor.processingStatus().values().stream()
                                     .map(EventTrackerStatus::getCurrentPosition)
                                     .mapToLong(p -> p.orElse(-1)).min().orElse(-1);
            status.put("position", position);
            // several nodes: the segments this node holds (none on a node standing by for the claim)
            status.put("segmentsHere", new java.util.TreeSet<>(processor.processingStatus().keySet()));
            status.put("caughtUp", processor.processingStatus().values().stream()
                                            .allMatch(EventTrackerStatus::isCaughtUp));
            if (!stalls.isEmpty()) {
                ProjectionMonitor.Stall stall = stalls.get(0);
                status.put("reason", "stopped on an error" + (stall.position() == null ? ""
                        : " at event position " + stall.position() + " (" + stall.eventType() + ")")
                        + ": " + stall.reason() + "; retrying");
            } else if (!running) {
                status.put("reason", "not running");
            } else if (ProjectionMonitor.waitingForDatabase(processor)) {
                // the db component says DOWN; the projection itself is fine and resumes with the database
                status.put("reason", "waiting for the database");
            }
            healthy &= running && stalls.isEmpty();
            details.put(entry.getKey(), status);
        }
        details.put("rebuilding", barrier.rebuilding());
        (healthy ? builder.up() : builder.down()).withDetails(details);
    }
}
