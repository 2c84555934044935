package org.provenance.ledger.api.write;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.provenance.ledger.audit.server.TamperAlarm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Facilities and lots kept in memory between writes, so a write does not read their streams again
 * (docs/DESIGN.md, "The write path"). Axon's caching repository consults the cache; this class
 * decides what a hit is worth:
 * <ul>
 * <li>Only a write group of {@link LedgerWriter} reads the cache (anything else loads from the store).
 * Each hit is noted with the version it had, and before the group appends, one query checks that no
 * stream used from the cache has grown since (another node appended to it): if one has, the group
 * fails with {@link StaleAggregateException}, is rolled back (which evicts everything it loaded) and
 * is tried again from the store. Streams the group appends to are guarded by the event table's unique
 * key anyway; the check also covers those it only read (a facility) and the writes it refused.</li>
 * <li>A hit skips the seal check a load from the table makes: the cached state was folded from rows
 * whose seals were checked (or from the ledger's own writes), so a row forged later never drives a
 * decision, but it is found by the background verifier, not by the write. A raised tamper alarm
 * empties the cache, so from then on every stream is read from the table and checked again, and a hit
 * on a stream under an active finding is refused as a load would be.</li>
 * </ul>
 */
@Component
public class AggregateCache {

    private static final Logger log = LoggerFactory.getLogger(AggregateCache.class);
    /** The root unit of work's resource: stream id to the version each cache hit had. */
    static final String HITS = AggregateCache.class.getName() + ".hits";

    private final JdbcTemplate jdbc;
    private final TamperAlarm alarm;
    private final Bounded facilities;
    private final Bounded lots;

    public AggregateCache(JdbcTemplate jdbc, TamperAlarm alarm,
                          @Value("${ledger.write.aggregate-cache.facilities:10000}") int facilities,
                          @Value("${ledger.write.aggregate-cache.lots:20000}") int lots) {
        this.jdbc = jdbc;
        this.alarm = alarm;
        this.facilities = new Bounded(facilities);
        this.lots = new Bounded(lots);
        alarm.onRaise(this::clear);
    }

    public Cache facilities() {
        return facilities;
    }

    public Cache lots() {
        return lots;
    }

    public void clear() {
        facilities.removeAll();
        lots.removeAll();
        log.info("Aggregate cache emptied after a tamper alarm: streams are read and their seals checked again");
    }

    /**
     * Makes the group's loads use the cache, and checks its hits before the group appends. Call before
     * the group's first command: the check must be the group's first prepare-commit step.
     *
     * @return the group's hits (stream id to version), filled as its commands load aggregates
     */
    Map<String, Long> track(UnitOfWork<?> group) {
        ConcurrentMap<String, Long> hits = new ConcurrentHashMap<>();
        group.resources().put(HITS, hits);
        group.onPrepareCommit(u -> verify(hits));
        return hits;
    }

    /** Throws {@link StaleAggregateException} when a stream used from the cache has grown in the table. */
    void verify(Map<String, Long> hits) {
        if (hits.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(hits.keySet());
        Long[] versions = ids.stream().map(hits::get).toArray(Long[]::new);
        List<String> stale = jdbc.query(
                "select h.id from unnest(?::varchar[], ?::bigint[]) as h(id, version) where h.version is distinct from "
                + "(select max(e.sequence_number) from domain_event_entry e where e.aggregate_identifier = h.id)",
                ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("varchar", ids.toArray()));
                    ps.setArray(2, ps.getConnection().createArrayOf("bigint", versions));
                },
                (rs, n) -> rs.getString(1));
        if (!stale.isEmpty()) {
            stale.forEach(id -> {
                facilities.remove(id);
                lots.remove(id);
            });
            throw new StaleAggregateException(stale);
        }
    }

    /** A stream used from the cache had grown in the table: another node (or a write below the API) appended. */
    public static class StaleAggregateException extends ConcurrencyException {
        StaleAggregateException(List<String> streams) {
            super("the cached state of " + String.join(", ", streams) + " is behind the event table");
        }
    }

    /** A bounded Axon cache over Caffeine that answers only inside a tracked write group. */
    private final class Bounded implements Cache {

        private final com.github.benmanes.caffeine.cache.Cache<Object, Object> entries;
        private final boolean enabled;

        Bounded(int maximumSize) {
            this.enabled = maximumSize > 0;
            this.entries = Caffeine.newBuilder().maximumSize(Math.max(maximumSize, 1)).build();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <K, V> V get(K key) {
            Map<String, Long> hits = enabled && CurrentUnitOfWork.isStarted()
                    ? CurrentUnitOfWork.get().root().getResource(HITS) : null;
            if (hits == null) {
                return null;
            }
            Object entry = entries.getIfPresent(key);
            Long version = entry == null ? null : versionOf(entry);
            if (version == null) {
                return null;
            }
            alarm.refuseIfAffected(List.of(key.toString()));
            hits.putIfAbsent(key.toString(), version);
            return (V) entry;
        }

        @Override
        public void put(Object key, Object value) {
            if (enabled) {
                entries.put(key, value);
            }
        }

        @Override
        public boolean putIfAbsent(Object key, Object value) {
            return enabled && entries.asMap().putIfAbsent(key, value) == null;
        }

        @Override
        public boolean remove(Object key) {
            return entries.asMap().remove(key) != null;
        }

        @Override
        public void removeAll() {
            entries.invalidateAll();
        }

        @Override
        public boolean containsKey(Object key) {
            return entries.asMap().containsKey(key);
        }

        @Override
        public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
            // Nothing listens to aggregate entries; Axon registers none for repositories.
            return () -> true;
        }
    }

    /**
     * The version of a cached aggregate. An in-memory entry keeps the aggregate itself, which
     * recreateAggregate hands back without needing the model; anything else is treated as a miss.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Long versionOf(Object entry) {
        if (!(entry instanceof AggregateCacheEntry cached)) {
            return null;
        }
        try {
            EventSourcedAggregate<?> aggregate = cached.recreateAggregate(null, null, null);
            return aggregate == null ? null : aggregate.version();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
