package org.provenance.ledger.projections.support;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedCacheTest {

    private final List<String> loaded = new ArrayList<>();
    private final Function<String, String> loader = key -> {
        loaded.add(key);
        return key.startsWith("none") ? null : key.toUpperCase();
    };

    @Test
    void loadsAKeyOnceWhileItStaysCached() {
        BoundedCache<String, String> cache = new BoundedCache<>(2);

        assertThat(cache.get("a", loader)).isEqualTo("A");
        assertThat(cache.get("a", loader)).isEqualTo("A");
        assertThat(loaded).containsExactly("a");
    }

    @Test
    void evictsTheLeastRecentlyUsedBeyondCapacity() {
        BoundedCache<String, String> cache = new BoundedCache<>(2);
        cache.get("a", loader);
        cache.get("b", loader);
        cache.get("a", loader);
        cache.get("c", loader);

        cache.get("a", loader);
        cache.get("b", loader);

        assertThat(loaded).containsExactly("a", "b", "c", "b");
    }

    @Test
    void doesNotCacheAbsentValues() {
        BoundedCache<String, String> cache = new BoundedCache<>(2);

        assertThat(cache.get("none", loader)).isNull();
        assertThat(cache.get("none", loader)).isNull();
        assertThat(loaded).containsExactly("none", "none");
    }

    @Test
    void clearForgetsEverythingSoAReplayRecomputes() {
        BoundedCache<String, String> cache = new BoundedCache<>(2);
        cache.get("a", loader);
        cache.clear();

        cache.get("a", loader);

        assertThat(loaded).containsExactly("a", "a");
    }
}
