package org.provenance.ledger.api.read;

import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Restarts a projection's processor as soon as the database is back from an outage. Axon's
 * tracking processor retries a failed batch with a back-off that doubles up to 60 s, so after an
 * outage of half a minute the read models would stay behind for up to another minute, and every
 * read after a write would wait for them and answer 503. The processor's own lifecycle (shut down,
 * start) ends that wait; it resumes from its stored token, so nothing is skipped or applied twice.
 * Other failures are left to the back-off: retrying a poisoned event faster helps nobody.
 */
@Component
class ProjectionResume implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProjectionResume.class);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private final ProjectionMonitor monitor;
    private final JdbcTemplate jdbc;
    private ScheduledExecutorService checks;

    ProjectionResume(ProjectionMonitor monitor, DataSource dataSource) {
        this.monitor = monitor;
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setQueryTimeout(2);
    }

    void resumeWaitingProcessors() {
        monitor.processors().forEach((name, processor) -> {
            if (processor.isRunning() && ProjectionMonitor.waitingForDatabase(processor) && databaseAnswers()) {
                restart(name, processor);
            }
        });
    }

    private void restart(String name, StreamingEventProcessor processor) {
        synchronized (processor) {
            if (!processor.isRunning() || !ProjectionMonitor.waitingForDatabase(processor)) {
                return;
            }
            log.info("The database answers again: projection {} resumes now instead of after its back-off", name);
            processor.shutDown();
            processor.start();
        }
    }

    private boolean databaseAnswers() {
        try {
            jdbc.queryForObject("select 1", Integer.class);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void start() {
        checks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "projection-resume");
            thread.setDaemon(true);
            return thread;
        });
        checks.scheduleWithFixedDelay(() -> {
            try {
                resumeWaitingProcessors();
            } catch (RuntimeException e) {
                log.debug("Projection resume check failed", e);
            }
        }, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (checks != null) {
            checks.shutdownNow();
            checks = null;
        }
    }

    @Override
    public boolean isRunning() {
        return checks != null;
    }

    /** Stops before Axon's processors do (a higher phase stops earlier), so it never restarts one at shutdown. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
