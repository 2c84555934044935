package org.provenance.ledger.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/**
 * Failed password checks, counted per user name and per client address with Bucket4j token buckets.
 * Only failures take tokens, so a client making thousands of good requests never meets the limit;
 * a bucket exists only for a name or address that has failed. The buckets live in bounded caches,
 * dropped once unused for their period (by then a bucket has refilled, so nothing is lost), or, under
 * a flood of new names or addresses, least-used first.
 */
final class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final Limited users;
    private final Limited addresses;

    LoginThrottle(LedgerSecurityProperties.LoginThrottle settings) {
        this.users = new Limited("user", settings.perUser(), settings.tracked());
        this.addresses = new Limited("address", settings.perAddress(), settings.tracked());
    }

    /** How long to wait when the user name or the address has no failure left, else empty. */
    Optional<Duration> refusal(String user, String address) {
        long wait = Math.max(users.nanosToWait(user), addresses.nanosToWait(address));
        return wait > 0 ? Optional.of(Duration.ofNanos(wait)) : Optional.empty();
    }

    void failed(String user, String address) {
        users.consume(user);
        addresses.consume(address);
    }

    private static final class Limited {

        private final String kind;
        private final LedgerSecurityProperties.Limit limit;
        private final Cache<String, Bucket> buckets;

        Limited(String kind, LedgerSecurityProperties.Limit limit, int tracked) {
            this.kind = kind;
            this.limit = limit;
            this.buckets = Caffeine.newBuilder().maximumSize(tracked).expireAfterAccess(limit.period()).build();
        }

        long nanosToWait(String key) {
            Bucket bucket = key == null ? null : buckets.getIfPresent(key);
            if (bucket == null) {
                return 0;
            }
            EstimationProbe probe = bucket.estimateAbilityToConsume(1);
            return probe.canBeConsumed() ? 0 : probe.getNanosToWaitForRefill();
        }

        void consume(String key) {
            if (key == null) {
                return;
            }
            Bucket bucket = buckets.get(key, k -> Bucket.builder()
                    .addLimit(l -> l.capacity(limit.failures()).refillGreedy(limit.failures(), limit.period()))
                    .build());
            if (bucket.tryConsume(1) && bucket.getAvailableTokens() == 0) {
                log.warn("Login throttled: {} {} made {} failed logins within {}; its next attempts answer 429",
                         kind, printable(key), limit.failures(), limit.period());
            }
        }

        /** A user name is the client's text: kept short and free of control characters in the log. */
        private static String printable(String text) {
            String shown = text.length() > 64 ? text.substring(0, 64) + "..." : text;
            return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
        }
    }
}
