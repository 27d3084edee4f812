package com.fleetdesk.analytics;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One Caffeine cache per dashboard query, keyed by the resolved filter. Entries are evicted
 * by {@link AnalyticsCacheEviction} when the data behind them changes; the time limit is only
 * a backstop for changes no event announces. Hits and misses are published per cache
 * ({@code cache_gets_total{cache="analytics.…"}}) and as one overall hit ratio
 * ({@code fleetdesk_analytics_cache_hit_ratio}).
 */
@Component
public class AnalyticsCaches {

    /** What a cached query reads: the events of that source evict it. */
    public enum Source { TRIPS, ALERTS, POSITIONS, STOCK, SUPPORT }

    private record Entry(Cache<Object, Object> cache, java.util.Set<Source> sources) {
    }

    private final Map<String, Entry> caches = new ConcurrentHashMap<>();
    private final MeterRegistry meters;

    AnalyticsCaches(MeterRegistry meters) {
        this.meters = meters;
        Gauge.builder("fleetdesk.analytics.cache.hit.ratio", this, AnalyticsCaches::hitRatio)
                .description("Share of dashboard queries answered from the analytics caches")
                .register(meters);
    }

    /** Registers a cache for a query reading {@code sources}; call once per query name. */
    public void define(String name, Source... sources) {
        caches.computeIfAbsent(name, n -> {
            Cache<Object, Object> cache = Caffeine.newBuilder()
                    .maximumSize(500)
                    .expireAfterWrite(Duration.ofMinutes(30))
                    .recordStats()
                    .build();
            CaffeineCacheMetrics.monitor(meters, cache, n);
            return new Entry(cache, java.util.EnumSet.copyOf(java.util.List.of(sources)));
        });
    }

    @SuppressWarnings("unchecked")
    public <T> T get(String name, Object key, Supplier<T> load) {
        Entry entry = caches.get(name);
        if (entry == null) {
            throw new IllegalStateException("No analytics cache " + name);
        }
        return (T) entry.cache().get(key, k -> load.get());
    }

    /** Drops every entry of the caches reading {@code source} whose key matches. */
    void evict(Source source, Predicate<Object> keys) {
        caches.values().stream().filter(e -> e.sources().contains(source))
                .forEach(e -> e.cache().asMap().keySet().removeIf(keys));
    }

    void evictAll() {
        caches.values().forEach(e -> e.cache().invalidateAll());
    }

    public CacheStats stats(String name) {
        return caches.get(name).cache().stats();
    }

    public double hitRatio() {
        long hits = 0;
        long requests = 0;
        for (Entry e : caches.values()) {
            CacheStats s = e.cache().stats();
            hits += s.hitCount();
            requests += s.requestCount();
        }
        return requests == 0 ? 0 : (double) hits / requests;
    }
}
