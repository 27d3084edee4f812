package com.fleetdesk.base.demo;

/**
 * A module's part of the demo data set. Contributors run in {@link #order()} on start-up when
 * demo data is enabled; each decides from the database whether its part already exists, so a
 * restart keeps the data users have changed.
 */
public interface DemoDataContributor {

    /** Lower runs first: master data before the records that refer to it. */
    int order();

    /** True when this contributor's data is already in the database. */
    boolean alreadyLoaded();

    /** Generates this contributor's data; must depend only on {@code settings} and {@code random}. */
    void load(DemoDataSettings settings, java.util.random.RandomGenerator random);

    /** Lines printed on every start, e.g. the demo logins. */
    default java.util.List<String> startupNotes(DemoDataSettings settings) {
        return java.util.List.of();
    }
}
