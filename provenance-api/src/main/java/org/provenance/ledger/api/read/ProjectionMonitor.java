package org.provenance.ledger.api.read;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.provenance.ledger.api.web.DatabaseUnavailable;
import org.provenance.ledger.projections.support.ProjectionBuffer;
import org.provenance.ledger.projections.support.ProjectionNames;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Knows which projection is stopped on an error, on which event and why. Axon does the work: a
 * failing handler's exception propagates (the listener error handler below records it, then
 * rethrows), the batch rolls back, and the tracking processor retries the same batch with back-off
 * (1 s doubling to 60 s) until it succeeds. Nothing is skipped, so a stall ends by itself once its
 * cause is gone; it is over when the processor's token has passed the failed event.
 * <p>
 * A dead-letter queue was rejected: it parks the failed event and goes on, and the ledger's
 * projections depend on order across streams (a lot's composition is computed from its inputs',
 * a flag from the lot's composition and the facilities' countries). Going on past a parked event
 * would compute later rows from missing ones, silently wrong; stopping and saying so is honest.
 */
@Component
public class ProjectionMonitor {

    /**
     * A projection segment that cannot go on.
     *
     * @param position  the global position of the event it fails on (null when the failure is not an event's)
     * @param eventType the simple name of that event's type, as the event history shows it
     * @param reason    why, in words fit for an operator: no SQL, class names or stack traces
     * @param since     the first failure on this event
     * @param attempts  how often it was tried so far
     */
    public record Stall(String projection, int segment, Long position, String eventType, String eventId,
                        String reason, Instant since, Instant lastAttempt, int attempts) {
    }

    private static final Pattern SEGMENT_KEY = Pattern.compile("Processor\\[(.+)]/SegmentId");

    private final ObjectProvider<Configuration> axon;
    private final Map<String, Stall> failures = new ConcurrentHashMap<>();

    public ProjectionMonitor(ObjectProvider<Configuration> axon) {
        this.axon = axon;
    }

    /**
     * Records the failure and rethrows it: the processor then stops the batch and retries, never
     * skipping the event. A database outage is no fault of the projection: it is not recorded as a
     * stall (reads say "database unavailable" themselves, and {@link ProjectionResume} restarts the
     * processor once the database is back instead of leaving it in its back-off).
     */
    public ListenerInvocationErrorHandler errorHandler() {
        return (exception, event, handler) -> {
            if (!DatabaseUnavailable.causedBy(exception)) {
                record(exception, event);
            }
            throw exception;
        };
    }

    /** Whether a segment of the processor is retrying because the database could not be reached. */
    public static boolean waitingForDatabase(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                        .anyMatch(tracker -> tracker.isErrorState() && DatabaseUnavailable.causedBy(tracker.getError()));
    }

    /**
     * Forgets the projection's recorded failures, for a replay: the rebuild starts from the first
     * event, and if it fails again the failure is recorded again with its own attempts.
     */
    public void forget(String name) {
        failures.values().removeIf(stall -> stall.projection().equals(name));
    }

    /** Every stalled segment of every projection, by projection name. */
    public List<Stall> stalls() {
        List<Stall> stalls = new ArrayList<>();
        processors().forEach((name, processor) -> stalls.addAll(stalls(name, processor)));
        return stalls;
    }

    public List<Stall> stalls(String name, StreamingEventProcessor processor) {
        List<Stall> stalls = new ArrayList<>();
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        failures.forEach((key, stall) -> {
            if (!stall.projection().equals(name)) {
                return;
            }
            if (stall.position() != null && processed(processor, stall.position())) {
                failures.remove(key, stall);
            } else {
                stalls.add(stall);
            }
        });
        // Failures outside the handlers (the token store, reading events) reach only Axon's own status.
        status.forEach((segment, tracker) -> {
            // A failed batch flush is retried one event at a time at once, and that attempt names the event.
            if (tracker.isErrorState() && !DatabaseUnavailable.causedBy(tracker.getError())
                    && !ProjectionBuffer.isFlushFailure(tracker.getError())
                    && stalls.stream().noneMatch(s -> s.segment() == segment)) {
                stalls.add(new Stall(name, segment, null, null, null, describe(tracker.getError()), null, null, 0));
            }
        });
        return stalls;
    }

    /**
     * Whether every segment of the processor has handled the event at this global position. A
     * gap-aware token may hold a position below its index as a gap (a transaction that committed
     * late): that one is not processed yet.
     */
    public static boolean processed(StreamingEventProcessor processor, long position) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.isEmpty()) {
            return false;
        }
        for (EventTrackerStatus segment : status.values()) {
            TrackingToken token = WrappedToken.unwrapLowerBound(segment.getTrackingToken());
            if (token == null) {
                return false;
            }
            if (token instanceof GapAwareTrackingToken gapAware) {
                if (gapAware.getIndex() < position || gapAware.getGaps().contains(position)) {
                    return false;
                }
            } else if (token.position().orElse(-1) < position) {
                return false;
            }
        }
        return true;
    }

    /**
     * The processors behind the read models that answer reads. A shadow rebuild's processor is not
     * one of them: reads neither wait for it nor are refused for its errors (see {@link #shadow}).
     */
    public Map<String, StreamingEventProcessor> processors() {
        Map<String, StreamingEventProcessor> streaming = new TreeMap<>();
        axon.getObject().eventProcessingConfiguration().eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor s && !ProjectionNames.SHADOW.equals(name)) {
                streaming.put(name, s);
            }
        });
        return streaming;
    }

    /** The shadow rebuild's processor, when it is configured. */
    public Optional<StreamingEventProcessor> shadow() {
        return axon.getObject().eventProcessingConfiguration()
                   .eventProcessor(ProjectionNames.SHADOW, StreamingEventProcessor.class);
    }

    private void record(Exception exception, EventMessage<?> event) {
        String projection = "unknown";
        int segment = 0;
        if (CurrentUnitOfWork.isStarted()) {
            for (var resource : CurrentUnitOfWork.get().resources().entrySet()) {
                Matcher key = SEGMENT_KEY.matcher(resource.getKey());
                if (key.matches() && resource.getValue() instanceof Integer id) {
                    projection = key.group(1);
                    segment = id;
                }
            }
        }
        Long position = event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position().stream().boxed().findFirst().orElse(null) : null;
        String eventType = event.getPayloadType().getSimpleName();
        Instant now = Instant.now();
        String reason = describe(exception);
        String projectionName = projection;
        int segmentId = segment;
        failures.compute(projection + "/" + segment, (key, previous) -> {
            boolean same = previous != null && java.util.Objects.equals(previous.position(), position);
            return new Stall(projectionName, segmentId, position, eventType, event.getIdentifier(), reason,
                             same ? previous.since() : now, now, same ? previous.attempts() + 1 : 1);
        });
    }

    /**
     * The cause in words for an operator. The database's own message is kept (it says what was
     * refused, e.g. an invalid byte sequence), the statement that failed is not.
     */
    static String describe(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                String message = sql.getMessage() == null ? "" : sql.getMessage().lines().findFirst().orElse("");
                message = message.replaceFirst("^(ERROR|FATAL): ", "");
                return "the database refused the read model's change: " + message
                        + (sql.getSQLState() == null ? "" : " (SQLSTATE " + sql.getSQLState() + ")");
            }
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalStateException && cause.getMessage() != null) {
                // The projections' own checks, e.g. a lot whose inputs have no composition.
                return cause.getMessage();
            }
        }
        return "an unexpected error in the projection; the server log has the details";
    }

    /** For a caller that needs one stall to name, the earliest. */
    public Optional<Stall> first() {
        return stalls().stream().min(java.util.Comparator.comparing(s -> s.position() == null ? Long.MAX_VALUE
                : s.position()));
    }
}
