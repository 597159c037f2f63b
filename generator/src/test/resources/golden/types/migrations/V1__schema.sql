-- Golden case "types": enums, domains, composites and arrays of each, in columns, arguments and results.
create schema api;

create type api.status as enum ('draft', 'published', 'archived');
create domain api.email as text check (value like '%@%');
create domain api.positive as integer check (value > 0);
create domain api.short_list as varchar(16)[];
create type api.money_amount as (currency char(3), cents bigint);
create type api.point3 as (x double precision, y double precision, z double precision);

create table api.documents (
  id        bigint generated always as identity primary key,
  status    api.status not null default 'draft',
  history   api.status[],
  owner     api.email,
  pages     api.positive,
  labels    api.short_list,
  price     api.money_amount,
  corners   api.point3[],
  matrix    integer[][],
  scores    numeric(5, 2)[],
  flags     boolean[] not null default '{}',
  uid       uuid,
  body      jsonb,
  meta      json,
  at        timestamptz default now(),
  day       date,
  span      tstzrange,
  addr      inet,
  raw       bytea
);

create function api.by_status(s api.status) returns setof api.documents
  language sql stable as $$ select * from api.documents where status = s $$;

create function api.statuses() returns api.status[]
  language sql immutable as $$ select enum_range(null::api.status) $$;

create function api.price_of(doc bigint) returns api.money_amount
  language sql stable as $$ select price from api.documents where id = doc $$;

create function api.mailbox(e api.email) returns api.email language sql immutable as $$ select e $$;
