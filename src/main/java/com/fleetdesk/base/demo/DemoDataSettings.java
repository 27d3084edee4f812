package com.fleetdesk.base.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * Size and seed of the demo data set ({@code fleetdesk.demo.*}). The same seed and sizes give
 * the same data. Modules read their own sizes from {@link #sizes()}, e.g.
 * {@code fleetdesk.demo.sizes.trip-logs=1000000} for the trip-log benchmark.
 */
@ConfigurationProperties("fleetdesk.demo")
public record DemoDataSettings(boolean enabled, long seed, int depots, int vehicles, int drivers,
                               String password, Map<String, Integer> sizes) {

    public DemoDataSettings {
        if (depots < 1 || vehicles < 0 || drivers < 0) {
            throw new IllegalArgumentException("fleetdesk.demo sizes must be positive (depots >= 1)");
        }
        password = password == null || password.isBlank() ? "fleetdesk" : password;
        sizes = sizes == null ? Map.of() : Map.copyOf(sizes);
    }

    public int size(String name, int defaultSize) {
        return sizes.getOrDefault(name, defaultSize);
    }
}
