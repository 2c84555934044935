package org.provenance.ledger.audit.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Raised when this node finds tampering (the background verifier, or a seal check while loading a stream).
 * Until an admin acknowledges it: readiness is DOWN, and writes touching the affected streams (every write,
 * when the streams are unknown, e.g. a deleted row) are refused. Each finding is logged once at ERROR and
 * counted. The alarm is this node's memory: a restart verifies again and raises it again if the finding is
 * still there and not acknowledged since.
 */
@Component
public class TamperAlarm {

    /**
     * @param streams the streams whose writes are refused; empty means every write
     */
    public record Finding(long position, String kind, String detail, Set<String> streams, Instant raisedAt) {

        String key() {
            return position + ":" + kind;
        }

        boolean affects(Collection<String> touched) {
            return streams.isEmpty() || touched.stream().anyMatch(streams::contains);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(TamperAlarm.class);

    private final Map<String, Finding> active = new LinkedHashMap<>();
    private final Map<String, Finding> acknowledged = new LinkedHashMap<>();
    private final Counter findings;
    private final List<Runnable> onRaise = new java.util.concurrent.CopyOnWriteArrayList<>();

    public TamperAlarm(ObjectProvider<MeterRegistry> meters) {
        MeterRegistry registry = meters.getIfAvailable();
        this.findings = registry == null ? null
                : Counter.builder("ledger.audit.tamper.findings").description("tampering found by this node")
                         .register(registry);
        if (registry != null) {
            Gauge.builder("ledger.audit.tamper.alarms", this, alarm -> alarm.active().size())
                 .description("findings of tampering not yet acknowledged").register(registry);
        }
    }

    /**
     * Runs after each new finding is raised: the write path's aggregate cache empties itself, so every
     * stream is read from the table again, with its seals checked.
     */
    public void onRaise(Runnable listener) {
        onRaise.add(listener);
    }

    /** Raises a finding unless it is already raised or was acknowledged. */
    public void raise(long position, String kind, String detail, Set<String> streams) {
        if (record(position, kind, detail, streams)) {
            onRaise.forEach(Runnable::run);
        }
    }

    private synchronized boolean record(long position, String kind, String detail, Set<String> streams) {
        Finding finding = new Finding(position, kind, detail, Set.copyOf(streams), Instant.now());
        if (active.containsKey(finding.key()) || acknowledged.containsKey(finding.key())) {
            return false;
        }
        active.put(finding.key(), finding);
        if (findings != null) {
            findings.increment();
        }
        log.error("TAMPERING DETECTED at position {}: {} ({}); writes to {} refused until an admin acknowledges "
                          + "(POST /api/audit/alarm/acknowledgement)", position, kind, detail,
                  streams.isEmpty() ? "every stream" : String.join(", ", streams));
        return true;
    }

    public synchronized List<Finding> active() {
        return List.copyOf(active.values());
    }

    /** Clears every active finding; the same findings are not raised again by this node. */
    public synchronized List<Finding> acknowledge(String by) {
        List<Finding> cleared = List.copyOf(active.values());
        for (Finding finding : cleared) {
            acknowledged.put(finding.key(), finding);
            log.warn("Tampering finding at position {} ({}) acknowledged by {}", finding.position(), finding.kind(), by);
        }
        active.clear();
        return cleared;
    }

    /** Refuses a write or load touching a stream an active finding affects. */
    public void refuseIfAffected(Collection<String> streams) {
        Finding blocking;
        synchronized (this) {
            if (active.isEmpty()) {
                return;
            }
            blocking = active.values().stream().filter(f -> f.affects(streams)).findFirst().orElse(null);
        }
        if (blocking != null) {
            throw new TamperedStreamException(blocking);
        }
    }
}
