package org.provenance.ledger.api.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends what {@link WebhookOutbox} queued, off any request thread: claims due rows (FOR UPDATE SKIP
 * LOCKED, leased for a minute so a crash mid-send retries them), POSTs each with its GS1-Signature,
 * records 2xx as delivered and anything else as a failed attempt retried with exponential back-off,
 * up to {@code ledger.webhooks.max-attempts}. At least once: a receiver dedupes on
 * {@code Ledger-Delivery-Id}. Deliveries to one target are not ordered.
 * <p>
 * Logs a target's first failure and a given-up delivery as warnings, deliveries at debug: a receiver
 * that is down for an hour does not write a line per retry.
 */
@Component
public class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 16;
    public static final String DELIVERY_HEADER = "Ledger-Delivery-Id";

    private record Due(long id, String kind, String targetId, String body, int attempts) {
    }

    private record Target(String url, String secret) {
    }

    private final JdbcTemplate jdbc;
    private final WebhookProperties properties;
    private final CallbackUrls urls;
    private final List<Runnable> feeders;
    private final HttpClient client;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private static final long ROUND_WARNING_EVERY_NANOS = 60_000_000_000L;
    /** Touched by the scheduler thread only. */
    private long lastRoundWarning = System.nanoTime() - ROUND_WARNING_EVERY_NANOS - 1;
    private volatile ScheduledExecutorService scheduler;
    private volatile ExecutorService senders;

    public WebhookDispatcher(JdbcTemplate jdbc, WebhookProperties properties, CallbackUrls urls,
                             List<WebhookFeeder> feeders) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.urls = urls;
        this.feeders = feeders.stream().<Runnable>map(f -> f::feed).toList();
        this.client = HttpClient.newBuilder().connectTimeout(properties.timeout())
                                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Something was queued: look now rather than at the next poll. */
    public void wake() {
        ScheduledExecutorService s = scheduler;
        if (s != null && wakeQueued.compareAndSet(false, true)) {
            try {
                s.execute(this::round);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                wakeQueued.set(false);
            }
        }
    }

    private void round() {
        wakeQueued.set(false);
        try {
            for (Runnable feeder : feeders) {
                feeder.run();
            }
            List<Due> due;
            do {
                due = claim();
                List<CompletableFuture<Void>> sends = new ArrayList<>();
                for (Due d : due) {
                    sends.add(CompletableFuture.runAsync(() -> send(d), senders));
                }
                CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
            } while (due.size() == BATCH);
        } catch (RuntimeException e) {
            // the database being away is the usual cause; the next round tries again, and during an
            // outage every round fails the same way: one line a minute
            long now = System.nanoTime();
            if (now - lastRoundWarning > ROUND_WARNING_EVERY_NANOS) {
                lastRoundWarning = now;
                log.warn("Webhook dispatch round failed (retrying every {}): {}", properties.pollInterval(),
                         e.toString());
            }
        }
    }

    private List<Due> claim() {
        Instant now = Instant.now();
        return jdbc.query("""
                update webhook_delivery set next_attempt_at = ?
                where delivery_id in (select delivery_id from webhook_delivery
                                      where delivered_at is null and failed_at is null and next_attempt_at <= ?
                                      order by next_attempt_at limit ? for update skip locked)
                returning delivery_id, target_kind, target_id, body, attempts""",
                (rs, i) -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)),
                Timestamp.from(now.plusSeconds(60)), Timestamp.from(now), BATCH);
    }

    private Target target(Due d) {
        String sql = d.kind().equals(WebhookOutbox.EPCIS_SUBSCRIPTION)
                ? "select dest, signature_token from epcis_subscription where subscription_id = ?"
                : "select url, secret from flag_webhook where webhook_id = ?";
        List<Target> found = jdbc.query(sql, (rs, i) -> new Target(rs.getString(1), rs.getString(2)), d.targetId());
        return found.isEmpty() ? null : found.get(0);
    }

    private void send(Due d) {
        Target target = target(d);
        if (target == null) {
            // deleted while this attempt was claimed
            jdbc.update("delete from webhook_delivery where delivery_id = ?", d.id());
            return;
        }
        String error;
        try {
            URI uri = urls.check(target.url());
            byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(properties.timeout())
                                                     .header("Content-Type", "application/json")
                                                     .header(DELIVERY_HEADER, String.valueOf(d.id()))
                                                     .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (d.kind().equals(WebhookOutbox.EPCIS_SUBSCRIPTION)) {
                request.header("GS1-EPCIS-Version", "2.0.0").header("GS1-CBV-Version", "2.0.0");
            }
            if (target.secret() != null) {
                request.header(WebhookSignature.HEADER, WebhookSignature.sign(target.secret(), body));
            }
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                delivered(d);
                return;
            }
            error = "answered HTTP " + response.statusCode();
        } catch (CallbackUrls.RefusedUrlException e) {
            error = "callback URL refused: it " + e.getMessage();
        } catch (java.io.IOException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // stopping: the lease runs out and the next start retries it
        }
        failed(d, target, error);
    }

    private void delivered(Due d) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("update webhook_delivery set delivered_at = ?, attempts = attempts + 1, last_error = null "
                    + "where delivery_id = ?", now, d.id());
        String table = d.kind().equals(WebhookOutbox.EPCIS_SUBSCRIPTION)
                ? "update epcis_subscription set last_notified_at = ? where subscription_id = ?"
                : "update flag_webhook set last_notified_at = ? where webhook_id = ?";
        jdbc.update(table, now, d.targetId());
        if (d.attempts() > 0) {
            log.info("Webhook delivery {} to {} {} succeeded after {} failed attempts", d.id(), d.kind(), d.targetId(),
                     d.attempts());
        } else {
            log.debug("Webhook delivery {} to {} {} delivered", d.id(), d.kind(), d.targetId());
        }
    }

    private void failed(Due d, Target target, String error) {
        int attempts = d.attempts() + 1;
        if (attempts >= properties.maxAttempts()) {
            jdbc.update("update webhook_delivery set attempts = ?, failed_at = ?, last_error = ? where delivery_id = ?",
                        attempts, Timestamp.from(Instant.now()), error, d.id());
            log.warn("Webhook delivery {} to {} {} ({}) given up after {} attempts: {}", d.id(), d.kind(), d.targetId(),
                     target.url(), attempts, error);
            return;
        }
        Instant next = Instant.now().plus(properties.backoff(attempts));
        jdbc.update("update webhook_delivery set attempts = ?, next_attempt_at = ?, last_error = ? where delivery_id = ?",
                    attempts, Timestamp.from(next), error, d.id());
        if (attempts == 1) {
            log.warn("Webhook delivery {} to {} {} ({}) failed, retrying with back-off: {}", d.id(), d.kind(),
                     d.targetId(), target.url(), error);
        } else {
            log.debug("Webhook delivery {} attempt {} failed: {}", d.id(), attempts, error);
        }
    }

    @Override
    public void start() {
        senders = Executors.newFixedThreadPool(4, DaemonThreads.named("webhook-send"));
        scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("webhook-dispatch"));
        long every = properties.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::round, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService s = scheduler;
        scheduler = null;
        if (s != null) {
            s.shutdownNow();
            senders.shutdownNow();
            try {
                s.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
