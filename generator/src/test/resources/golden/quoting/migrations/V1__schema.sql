-- Golden case "quoting": SQL and Java reserved words, mixed case, spaces, non-ASCII identifiers and names jOOQ's
-- classes collide on (a table "class", a table "x" whose class X would hold a field X), which the
-- generated code must quote in SQL and turn into legal Java names.
create schema api;

create type api."Größe" as enum ('klein', 'mittel', 'groß');

create table api."user" (
  "select"  integer primary key,
  "class"   text,
  "public"  boolean,
  "default" text default 'x',
  "Order"   integer,
  "naïve"   text,
  "größe"   api."Größe",
  "with space" text,
  "123abc"  text,
  "$dollar" text
);

create table api."Ünïcödé Täble" (
  "ид"    integer primary key,
  "名前"   text not null,
  "user"  integer references api."user" ("select")
);

create table api."class" (
  "int" integer primary key,
  "new" text
);

create table api.x (
  id integer primary key
);

create table api.snake_case (
  id integer primary key
);

create view api."switch" as select "select" as "case", "class" as "enum" from api."user";

create function api."return"("for" integer, "while" text default 'x') returns integer
  language sql immutable as $$ select "for" $$;
create function api."größe"("länge" integer) returns api."Größe"
  language sql immutable as $$ select 'klein'::api."Größe" $$;
