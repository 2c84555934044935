package org.provenance.ledger.api.health;

import jakarta.annotation.PreDestroy;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The database component of health ("db"), answered within {@link #TIMEOUT} whatever the database
 * does. Spring's own indicator asks the pool for a connection, and while PostgreSQL is unreachable
 * the pool keeps trying for its whole connection timeout: a probe that hangs that long is itself
 * a failure (load balancers give up and guess). One check runs at a time; probes that arrive
 * meanwhile wait for its result instead of piling more threads onto an unreachable server.
 */
@Component("dbHealthIndicator")
public class DatabaseHealthIndicator implements HealthIndicator {

    static final Duration TIMEOUT = Duration.ofMillis(1500);

    private final DataSource dataSource;
    private final ExecutorService checker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "db-health-check");
        thread.setDaemon(true);
        return thread;
    });
    private CompletableFuture<Health> inFlight;

    public DatabaseHealthIndicator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Health health() {
        CompletableFuture<Health> check = check();
        try {
            return check.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Health.down().withDetail("error", "no answer from the database within "
                    + TIMEOUT.toMillis() + " ms").build();
        } catch (ExecutionException e) {
            return Health.down().withDetail("error", "the check failed").build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().build();
        }
    }

    private synchronized CompletableFuture<Health> check() {
        if (inFlight == null || inFlight.isDone()) {
            inFlight = CompletableFuture.supplyAsync(this::probe, checker);
        }
        return inFlight;
    }

    private Health probe() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(1)
                    ? Health.up().withDetail("database", connection.getMetaData().getDatabaseProductName()).build()
                    : Health.down().withDetail("error", "the connection did not answer a validity check").build();
        } catch (SQLException e) {
            return Health.down().withDetail("error", "cannot connect to the database")
                         .withDetail("sqlState", String.valueOf(e.getSQLState())).build();
        }
    }

    @PreDestroy
    void stop() {
        checker.shutdownNow();
    }
}
