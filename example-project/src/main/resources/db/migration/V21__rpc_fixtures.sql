-- Functions that show (and test) PostgREST's RPC: void, RETURNS TABLE, variadic, overloads, a function taking the
-- whole JSON or text body, and sequences in read-only transactions.

-- void: 204 without a body.
create function api.touch_ticket_counter() returns void
  language sql volatile
as $$
  select 1;
$$;
comment on function api.touch_ticket_counter() is 'Does nothing; answers 204.';

-- RETURNS TABLE: the result can be selected, filtered, ordered, paged and counted like a table.
create function api.books_by_author(author integer) returns table (id integer, title text, published date)
  language sql stable
as $$
  select b.id, b.title, b.published from api.books b where b.author_id = author;
$$;
comment on function api.books_by_author(integer) is 'Books of one author.';

-- VARIADIC: POST {"nums":[1,2,3]} or GET ?nums=1&nums=2&nums=3.
create function api.sum_all(variadic nums integer[]) returns integer
  language sql immutable
as $$
  select coalesce(sum(n), 0)::integer from unnest(nums) as n;
$$;
comment on function api.sum_all(integer[]) is 'Sum of its arguments.';

-- Overloads: PostgREST picks the one whose parameter names match the arguments.
create function api.describe(thing integer) returns text
  language sql immutable
as $$ select 'integer ' || thing; $$;
create function api.describe(thing text, loud boolean) returns text
  language sql immutable
as $$ select case when loud then upper('text ' || thing) else 'text ' || thing end; $$;
-- Same parameter names as describe(integer): only the types differ, so PostgREST cannot choose (300, PGRST203).
create function api.convert(x integer) returns text
  language sql immutable
as $$ select 'integer'; $$;
create function api.convert(x text) returns text
  language sql immutable
as $$ select 'text'; $$;

-- One unnamed json parameter: receives the whole request body.
create function api.echo_json(json) returns json
  language sql immutable
as $$ select $1; $$;
comment on function api.echo_json(json) is 'Returns the request body.';

-- One unnamed text parameter: receives a text/plain body.
create function api.shout(text) returns text
  language sql immutable
as $$ select upper($1); $$;
comment on function api.shout(text) is 'The text/plain body in capitals.';

-- Sequences write: nextval fails in the read-only transaction of GET or of a STABLE function (405, 25006).
create sequence api.ticket_seq;
create function api.take_ticket() returns bigint
  language sql volatile
as $$ select nextval('api.ticket_seq'); $$;
comment on function api.take_ticket() is 'Draws a ticket number (POST only).';
create function api.peek_ticket() returns bigint
  language sql stable
as $$ select nextval('api.ticket_seq'); $$;
comment on function api.peek_ticket() is 'Wrongly declared STABLE: fails in the read-only transaction.';

grant execute on function api.touch_ticket_counter(), api.books_by_author(integer), api.sum_all(integer[]),
  api.describe(integer), api.describe(text, boolean), api.convert(integer), api.convert(text),
  api.echo_json(json), api.shout(text), api.take_ticket(), api.peek_ticket() to anon, webuser;
grant usage on sequence api.ticket_seq to anon, webuser;
