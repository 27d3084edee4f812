--liquibase formatted sql

--changeset fleetdesk:0014-analytics-rollups splitStatements:false
-- Daily rollups for the dashboards, so a three-month figure reads thousands of rows instead of
-- a hundred thousand trips or most of a million ledger issues. The database keeps them: a
-- statement trigger on the source table adds each statement's rows in the same transaction,
-- so every writer (services, bulk imports, COPY, fixtures) is covered and a rollup never
-- disagrees with its rows. Days are calendar days in the fleet's zone (fleetdesk.zone), kept
-- here so the triggers can use it; AnalyticsRollups rebuilds both tables if the setting
-- changes.
create table analytics_rollup_zone (
    singleton boolean     primary key default true check (singleton),
    zone      varchar(64) not null
);
insert into analytics_rollup_zone (zone) values ('Europe/London');

-- Trips per start day, depot and every attribute a trip dashboard groups or filters by.
-- No foreign keys: the rows are derived, and depots with trips cannot be deleted anyway.
create table trip_day (
    depot_id        bigint        not null,
    day             date          not null,
    status          varchar(20)   not null,
    currency        varchar(3)    not null,
    category        varchar(20)   not null,
    with_violations boolean       not null,
    trips           bigint        not null,
    distance_km     numeric(14,1) not null,
    co2_kg          numeric(14,2) not null,
    total_cost      numeric(16,2) not null,
    primary key (depot_id, day, status, currency, category, with_violations)
);

-- Issued quantity (positive) per day, location and part from the stock ledger's ISSUE rows.
-- Quantities, not values: the dashboards price issues at each part's current unit cost.
create table stock_issue_day (
    day         date    not null,
    location_id bigint  not null,
    part_id     bigint  not null,
    quantity    numeric not null,
    primary key (day, location_id, part_id) include (quantity)
);

-- Adds a statement's trips (new rows counted in, old rows counted out). Groups whose figures
-- cancel out (an edit of the notes, say) are skipped, so such edits write and lock nothing.
-- Keys are written in order, so two concurrent statements lock rollup rows in the same order.
create function trip_day_apply() returns trigger
language plpgsql as $$
declare
    z       text := (select zone from analytics_rollup_zone);
    columns text := 'depot_id, (started_at at time zone $1)::date, status, currency, category, policy_violations is not null';
    changes text;
begin
    changes := case tg_op
        when 'INSERT' then format('select %s, 1, distance_km, co2_kg, total_cost from new_trips', columns)
        when 'DELETE' then format('select %s, -1, -distance_km, -co2_kg, -total_cost from old_trips', columns)
        else format('select %1$s, 1, distance_km, co2_kg, total_cost from new_trips
                     union all select %1$s, -1, -distance_km, -co2_kg, -total_cost from old_trips', columns)
    end;
    execute format($sql$
        insert into trip_day as r (depot_id, day, status, currency, category, with_violations, trips, distance_km, co2_kg, total_cost)
        select c.depot_id, c.day, c.status, c.currency, c.category, c.with_violations,
               sum(c.n), sum(c.distance_km), sum(c.co2_kg), sum(c.total_cost)
          from (%s) as c (depot_id, day, status, currency, category, with_violations, n, distance_km, co2_kg, total_cost)
         group by 1, 2, 3, 4, 5, 6
        having sum(c.n) <> 0 or sum(c.distance_km) <> 0 or sum(c.co2_kg) <> 0 or sum(c.total_cost) <> 0
         order by 1, 2, 3, 4, 5, 6
        on conflict (depot_id, day, status, currency, category, with_violations) do update
           set trips = r.trips + excluded.trips, distance_km = r.distance_km + excluded.distance_km,
               co2_kg = r.co2_kg + excluded.co2_kg, total_cost = r.total_cost + excluded.total_cost
        $sql$, changes) using z;
    return null;
end
$$;

create trigger trip_day_insert after insert on trip_log
    referencing new table as new_trips for each statement execute function trip_day_apply();
create trigger trip_day_update after update on trip_log
    referencing old table as old_trips new table as new_trips for each statement execute function trip_day_apply();
create trigger trip_day_delete after delete on trip_log
    referencing old table as old_trips for each statement execute function trip_day_apply();

-- A truncate fires no delete trigger: it empties the rollup as well.
create function trip_day_clear() returns trigger
language plpgsql as $$
begin
    delete from trip_day;
    return null;
end
$$;

create trigger trip_day_truncate after truncate on trip_log for each statement execute function trip_day_clear();

-- The ledger is append-only (corrections are new movements), so inserts are all there is.
create function stock_issue_day_apply() returns trigger
language plpgsql as $$
declare
    z text := (select zone from analytics_rollup_zone);
begin
    insert into stock_issue_day as r (day, location_id, part_id, quantity)
    select (m.moved_at at time zone z)::date, m.location_id, m.part_id, -sum(m.quantity)
      from new_movements m
     where m.movement_type = 'ISSUE'
     group by 1, 2, 3
     order by 1, 2, 3
    on conflict (day, location_id, part_id) do update set quantity = r.quantity + excluded.quantity;
    return null;
end
$$;

create trigger stock_issue_day_insert after insert on stock_movement
    referencing new table as new_movements for each statement execute function stock_issue_day_apply();

-- Recomputes both rollups from their rows for a zone: the backfill below, and a change of
-- fleetdesk.zone. Writers wait (SHARE locks) so no statement falls between delete and insert.
create function analytics_rollups_rebuild(new_zone text) returns void
language plpgsql as $$
begin
    lock table trip_log, stock_movement in share mode;
    update analytics_rollup_zone set zone = new_zone;
    delete from trip_day;
    insert into trip_day (depot_id, day, status, currency, category, with_violations, trips, distance_km, co2_kg, total_cost)
    select depot_id, (started_at at time zone new_zone)::date, status, currency, category, policy_violations is not null,
           count(*), sum(distance_km), sum(co2_kg), sum(total_cost)
      from trip_log
     group by 1, 2, 3, 4, 5, 6;
    delete from stock_issue_day;
    insert into stock_issue_day (day, location_id, part_id, quantity)
    select (moved_at at time zone new_zone)::date, location_id, part_id, -sum(quantity)
      from stock_movement
     where movement_type = 'ISSUE'
     group by 1, 2, 3;
end
$$;

select analytics_rollups_rebuild('Europe/London');
analyze trip_day;
analyze stock_issue_day;
