--liquibase formatted sql

--changeset fleetdesk:0004-vehicle-position splitStatements:false
-- Positions and telemetry, one row per device and fix time (a retried report is stored once).
-- Partitioned by day; the default partition catches anything outside the prepared range.
create table vehicle_position (
    device_id     varchar(64)      not null,
    fix_time      timestamptz      not null,
    vehicle_id    bigint           not null,
    received_at   timestamptz      not null,
    latitude      double precision not null,
    longitude     double precision not null,
    speed_kmh     real,
    heading       real,
    altitude_m    real,
    accuracy_m    real,
    odometer_km   double precision,
    fuel_pct      real,
    engine_temp_c real,
    rpm           integer,
    battery_v     real,
    battery_pct   real,
    ignition      boolean,
    harsh_brake   boolean,
    harsh_accel   boolean,
    driver_ref    varchar(64),
    attributes    jsonb,
    primary key (device_id, fix_time)
) partition by range (fix_time);
create index vehicle_position_vehicle_ix on vehicle_position (vehicle_id, fix_time desc);
create table vehicle_position_default partition of vehicle_position default;

-- Creates the daily partitions from days_back before today to days_ahead after it; safe to repeat.
create or replace function fleetdesk_prepare_position_partitions(days_back integer, days_ahead integer) returns integer
language plpgsql as $$
declare
    day date;
    created integer := 0;
    name text;
begin
    for day in select generate_series(current_date - days_back, current_date + days_ahead, interval '1 day')::date loop
        name := 'vehicle_position_' || to_char(day, 'YYYYMMDD');
        if to_regclass(name) is null then
            execute format('create table %I partition of vehicle_position for values from (%L) to (%L)',
                           name, day::timestamptz, (day + 1)::timestamptz);
            created := created + 1;
        end if;
    end loop;
    return created;
end $$;

--changeset fleetdesk:0004-position-partitions-ahead runAlways:true splitStatements:false
select fleetdesk_prepare_position_partitions(2, 7);

--changeset fleetdesk:0004-last-position
-- The newest fix per vehicle, kept current by the ingest writer, for the live map.
create table vehicle_last_position (
    vehicle_id  bigint primary key references vehicle (id) on delete cascade,
    device_id   varchar(64)      not null,
    fix_time    timestamptz      not null,
    received_at timestamptz      not null,
    latitude    double precision not null,
    longitude   double precision not null,
    speed_kmh   real,
    heading     real,
    fuel_pct    real,
    battery_v   real,
    ignition    boolean,
    odometer_km double precision
);

--changeset fleetdesk:0004-unknown-device
-- Devices that reported but are fitted to no vehicle: listed for an administrator to assign.
create table unknown_device (
    device_id     varchar(64)  primary key,
    protocol      varchar(20)  not null,
    first_seen_at timestamptz  not null,
    last_seen_at  timestamptz  not null,
    reports       bigint       not null default 1,
    last_address  varchar(64)
);
