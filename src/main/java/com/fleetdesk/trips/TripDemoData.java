package com.fleetdesk.trips;

import com.fleetdesk.base.demo.DemoDataContributor;
import com.fleetdesk.base.demo.DemoDataSettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.random.RandomGenerator;

/**
 * Two years of trip history for the demo fleet ({@code fleetdesk.demo.sizes.trip-logs}, 3000 by
 * default) and the default expense policy, so the trip screens and the policy editor have content.
 */
@Component
class TripDemoData implements DemoDataContributor {

    /** The demo's "today": history ends the day before, whatever the clock says, so the data never changes. */
    static final LocalDate REFERENCE_DATE = LocalDate.of(2026, 11, 1);
    static final int DEFAULT_TRIPS = 3000;

    private final TripHistoryGenerator generator;
    private final JdbcClient jdbc;

    TripDemoData(TripHistoryGenerator generator, JdbcClient jdbc) {
        this.generator = generator;
        this.jdbc = jdbc;
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public boolean alreadyLoaded() {
        return jdbc.sql("select exists (select 1 from trip_log)").query(Boolean.class).single();
    }

    @Override
    public void load(DemoDataSettings settings, RandomGenerator random) {
        seedPolicy();
        generator.generate(settings.size("trip-logs", DEFAULT_TRIPS), random, REFERENCE_DATE);
    }

    /** The default expense policy, unless an administrator has already set one up. */
    private void seedPolicy() {
        if (jdbc.sql("select exists (select 1 from trip_policy_rule)").query(Boolean.class).single()) {
            return;
        }
        String[][] defaults = {{"EXPENSE_TYPE_CAP", "MEAL", "40.00"}, {"PER_KM_ALLOWANCE", null, "0.45"}, {"MAX_TRIP_COST", null, "750.00"}};
        for (String[] rule : defaults) {
            jdbc.sql("""
                            insert into trip_policy_rule (version, kind, expense_type, currency, amount, active,
                                                          created_at, created_by, updated_at, updated_by)
                            values (0, :kind, cast(:type as varchar), 'GBP', cast(:amount as numeric), true, now(), 'system', now(), 'system')
                            """)
                    .param("kind", rule[0]).param("type", rule[1]).param("amount", rule[2])
                    .update();
        }
    }
}
