-- Golden case "overloads": one name with several signatures, variadic arguments and defaults.
create schema api;

create function api.area(side double precision) returns double precision
  language sql immutable as $$ select side * side $$;
create function api.area(width double precision, height double precision) returns double precision
  language sql immutable as $$ select width * height $$;
create function api.area(width double precision, height double precision, depth double precision default 1)
  returns double precision language sql immutable as $$ select width * height * depth $$;

create function api.total(variadic amounts numeric[]) returns numeric
  language sql immutable as $$ select sum(a) from unnest(amounts) a $$;

create function api.join_words(sep text, variadic words text[]) returns text
  language sql immutable as $$ select array_to_string(words, sep) $$;

create function api.tagged(label text default 'none', variadic tags text[] default '{}') returns text[]
  language sql immutable as $$ select label || tags $$;

create function api.now_ish() returns timestamptz language sql stable as $$ select now() $$;
create function api.bump(n bigint) returns bigint language sql volatile as $$ select n + 1 $$;
