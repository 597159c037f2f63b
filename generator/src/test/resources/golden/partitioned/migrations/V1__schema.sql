-- Golden case "partitioned": a partitioned table is one resource; its partitions are not exposed separately
-- unless they are tables of their own in the schema.
create schema api;
create schema parts;

create table api.sensors (
  id   integer primary key,
  name text not null
);

create table api.readings (
  sensor_id integer not null references api.sensors (id),
  taken_at  timestamptz not null,
  value     double precision,
  primary key (sensor_id, taken_at)
) partition by range (taken_at);

create table parts.readings_2024 partition of api.readings
  for values from ('2024-01-01') to ('2025-01-01');
create table parts.readings_2025 partition of api.readings
  for values from ('2025-01-01') to ('2026-01-01');

create table api.events (
  id   bigint not null,
  kind text not null,
  primary key (id, kind)
) partition by list (kind);

create table api.events_click partition of api.events for values in ('click');
