-- Golden case "several_schemas": two exposed schemas with the same names in each, one hidden schema.
create schema v1;
create schema v2;
create schema private;

create table private.people (
  id    integer primary key,
  name  text not null,
  email text
);

create table v1.people (
  id   integer primary key,
  name text not null
);

create table v1.pets (
  id       integer primary key,
  owner_id integer references v1.people (id),
  name     text
);

create view v2.people as select id, name, email from private.people;

create table v2.pets (
  id       integer primary key,
  owner_id integer references private.people (id),
  name     text
);

create function v1.version() returns integer language sql immutable as $$ select 1 $$;
create function v2.version() returns integer language sql immutable as $$ select 2 $$;
