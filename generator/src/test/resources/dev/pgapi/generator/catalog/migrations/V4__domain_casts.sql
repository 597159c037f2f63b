-- Casts for PostgREST's domain representations, their functions in a schema that is not read. Only implicit casts
-- through a function between a domain and json or text count.
create schema casts;
create function casts.email_json(api.email) returns json immutable language sql as $$ select to_json(upper($1)) $$;
create cast (api.email as json) with function casts.email_json(api.email) as implicit;
create function casts.email(text) returns api.email immutable language sql as $$ select lower($1)::api.email $$;
create cast (text as api.email) with function casts.email(text) as implicit;
-- not implicit
create function casts.email(json) returns api.email immutable language sql as $$ select ($1 #>> '{}')::api.email $$;
create cast (json as api.email) with function casts.email(json) as assignment;
-- through the types' I/O functions, no cast function
create cast (api.short_name as text) with inout as implicit;
-- no domain on either side
create function casts.address_json(api.address) returns json immutable language sql as $$ select to_json($1) $$;
create cast (api.address as json) with function casts.address_json(api.address) as implicit;
