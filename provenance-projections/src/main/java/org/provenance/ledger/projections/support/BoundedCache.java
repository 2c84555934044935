package org.provenance.ledger.projections.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small LRU cache for the projection thread: facts the projections read back again and again
 * (a facility's countries, a lot's composition, a bloc's calendar). Projections are deterministic,
 * so an entry computed in a batch that later rolls back is recomputed identically on retry;
 * a reset (replay) must clear it.
 */
public final class BoundedCache<K, V> {

    private final Map<K, V> entries;

    public BoundedCache(int capacity) {
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized V get(K key, Function<K, V> loader) {
        V value = entries.get(key);
        if (value == null) {
            value = loader.apply(key);
            if (value != null) {
                entries.put(key, value);
            }
        }
        return value;
    }

    public synchronized void put(K key, V value) {
        entries.put(key, value);
    }

    public synchronized void remove(K key) {
        entries.remove(key);
    }

    public synchronized void clear() {
        entries.clear();
    }
}
