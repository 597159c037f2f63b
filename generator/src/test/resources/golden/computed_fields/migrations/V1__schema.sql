-- Golden case "computed_fields": functions of a row type that PostgREST treats as computed fields, and lookalikes
-- that it does not.
create schema api;

create table api.people (
  id         integer primary key,
  first_name text not null,
  last_name  text not null,
  born       date
);

create view api.adults as select id, first_name, last_name, born from api.people;

create function api.full_name(api.people) returns text
  language sql stable as $$ select $1.first_name || ' ' || $1.last_name $$;
create function api.age(p api.people) returns integer
  language sql stable as $$ select extract(year from age(p.born))::integer $$;
create function api.initials(api.adults) returns text
  language sql stable as $$ select left($1.first_name, 1) || left($1.last_name, 1) $$;
-- two arguments: an RPC, not a computed field
create function api.greeting(p api.people, greeting text) returns text
  language sql stable as $$ select greeting || ', ' || p.first_name $$;
-- returns a set: not a computed field but a computed relationship (people to people, to-many)
create function api.namesakes(api.people) returns setof api.people
  language sql stable as $$ select * from api.people where last_name = $1.last_name $$;
