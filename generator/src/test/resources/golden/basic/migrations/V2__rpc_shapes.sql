-- Function shapes for RPC: a whole-body parameter, an unnamed parameter PostgREST does not expose, and the
-- ways a function names its result columns (RETURNS TABLE, OUT parameters, a composite type).
create function api.echo(json) returns json language sql immutable as $$ select $1 $$;
create function api.double_it(integer) returns integer language sql immutable as $$ select $1 * 2 $$;
create function api.pairs(n integer) returns table (a integer, b text)
  language sql stable as $$ select i, i::text from generate_series(1, n) i $$;
create function api.minmax(vals integer[], out lo integer, out hi integer)
  language sql immutable as $$ select min(v), max(v) from unnest(vals) v $$;
create type api.pt as (x integer, y integer);
create function api.origin() returns api.pt language sql immutable as $$ select row(0, 0)::api.pt $$;
