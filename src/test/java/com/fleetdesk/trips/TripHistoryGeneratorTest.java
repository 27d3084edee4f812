package com.fleetdesk.trips;

import com.fleetdesk.FleetdeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@FleetdeskTest
class TripHistoryGeneratorTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TripHistoryGenerator generator;
    @Autowired
    TripLogRepository trips;
    @Autowired
    TripExpenseRepository expenses;
    @Autowired
    TripPolicyRuleRepository policy;

    @Test
    void demoHistoryCoversTwoYearsOfTheFleet() {
        assertThat(count("select count(*) from trip_log")).isGreaterThanOrEqualTo(TripDemoData.DEFAULT_TRIPS);
        assertThat(count("""
                select count(*) from trip_log
                 where started_at >= timestamptz '2024-11-01 00:00 Europe/London' and started_at < timestamptz '2026-11-01 00:00 Europe/London'
                """)).isGreaterThanOrEqualTo(TripDemoData.DEFAULT_TRIPS);
        assertThat(count("select count(distinct vehicle_id) from trip_log")).isGreaterThanOrEqualTo(50);
        assertThat(count("select count(*) from trip_expense")).isGreaterThan(1000);
        assertThat(jdbc.sql("select distinct status from trip_log").query(String.class).list())
                .contains("APPROVED", "SUBMITTED", "REJECTED", "DRAFT");
        assertThat(count("select count(*) from trip_policy_rule where active")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void everyTripIsConsistent() {
        assertThat(count("""
                select count(*) from trip_log
                 where end_odometer_km < start_odometer_km or ended_at < started_at or distance_km < 0
                    or (distance_source = 'ODOMETER' and distance_km <> end_odometer_km - start_odometer_km)
                    or (status in ('APPROVED', 'REJECTED') and (decided_at is null or decided_at < submitted_at))
                    or (status = 'SUBMITTED' and (submitted_at is null or decided_at is not null))
                    or (status = 'DRAFT' and submitted_at is not null)
                """)).isZero();
        assertThat(count("""
                select count(*) from trip_log t
                 where t.total_cost <> coalesce((select sum(e.amount) from trip_expense e
                                                  where e.trip_id = t.id and e.currency = t.currency), 0)
                """)).isZero();
    }

    @Test
    void searchVectorIsFilledByTheDatabase() {
        assertThat(count("select count(*) from trip_log where search_vector is null or length(search_vector) = 0")).isZero();
        assertThat(count("select count(*) from trip_log where search_vector @@ to_tsquery('simple', 'delivery:*')")).isPositive();
    }

    @Test
    void policyViolationsReadAsTheServiceWouldWriteThem() {
        List<Long> sample = jdbc.sql("""
                (select id from trip_log where policy_violations is not null order by id limit 100)
                union all
                (select t.id from trip_log t where policy_violations is null and total_cost > 0 order by id limit 100)
                """).query(Long.class).list();
        assertThat(count("select count(*) from trip_log where policy_violations is not null")).isPositive();
        List<TripPolicyRule> rules = policy.findByActiveTrue();
        for (Long id : sample) {
            TripLog trip = trips.findById(id).orElseThrow();
            List<TripExpense> list = expenses.findByTripIdOrderBySpentOnAscIdAsc(id);
            String expected = rules.stream().map(rule -> rule.check(trip, list)).flatMap(Optional::stream)
                    .collect(Collectors.joining("; "));
            assertThat(Optional.ofNullable(trip.getPolicyViolations()).orElse("")).as("trip %d", id).isEqualTo(expected);
        }
    }

    @Test
    void theSameSeedGivesTheSameTrips() {
        long before = count("select coalesce(max(id), 0) from trip_log");
        List<String> first = generateAndRemove(before);
        long between = count("select coalesce(max(id), 0) from trip_log");
        List<String> second = generateAndRemove(between);
        assertThat(first).hasSize(200).doesNotHaveDuplicates();
        assertThat(second).isEqualTo(first);
    }

    /** Generates 200 trips from seed 42, returns them without ids (in id order), and deletes them again. */
    private List<String> generateAndRemove(long afterId) {
        assertThat(generator.generate(200, new SplittableRandom(42), TripDemoData.REFERENCE_DATE)).isEqualTo(200);
        List<String> rows = jdbc.sql("""
                select concat_ws('|', t.vehicle_id, t.driver_id, t.depot_id, t.owner_username, t.purpose, t.category,
                                 t.started_at, t.ended_at, t.start_place, t.end_place, t.start_odometer_km, t.end_odometer_km,
                                 t.distance_km, t.co2_kg, t.status, t.total_cost, t.policy_violations, t.notes,
                                 t.submitted_at, t.decided_at, t.created_at, t.updated_at, t.updated_by,
                                 (select string_agg(concat_ws(':', e.expense_type, e.amount, e.description), ',' order by e.id)
                                    from trip_expense e where e.trip_id = t.id),
                                 (select string_agg(concat_ws(':', a.action, a.actor, a.acted_at, a.comment), ',' order by a.id)
                                    from trip_approval a where a.trip_id = t.id))
                  from trip_log t where t.id > :after order by t.id
                """).param("after", afterId).query(String.class).list();
        jdbc.sql("delete from trip_log where id > :after").param("after", afterId).update();
        return rows;
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
