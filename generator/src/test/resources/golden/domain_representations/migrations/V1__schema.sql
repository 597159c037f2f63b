-- Golden case "domain_representations": PostgREST's domain representations, on the example of its documentation. A
-- uuid domain is shown in base64 (cast to json), filtered in base64 (cast from text) and written in base64 (cast
-- from json); the casts' functions live in another schema. Lookalikes that do not count are noted.
create schema api;
create schema formats;

create domain api.app_uuid as uuid;
-- only a cast to json: shown in upper case, filtered and written as stored
create domain api.code as text;
-- a domain over a represented domain: PostgREST matches the exact type only
create domain api.other_uuid as api.app_uuid;

create function formats.json(api.app_uuid) returns json immutable language sql
  as $$ select to_json(encode(uuid_send($1), 'base64')) $$;
create cast (api.app_uuid as json) with function formats.json(api.app_uuid) as implicit;
create function formats.app_uuid(text) returns api.app_uuid immutable language sql
  as $$ select substring(decode($1, 'base64')::text from 3)::uuid $$;
create cast (text as api.app_uuid) with function formats.app_uuid(text) as implicit;
create function formats.app_uuid(json) returns api.app_uuid immutable language sql
  as $$ select formats.app_uuid($1 #>> '{}') $$;
create cast (json as api.app_uuid) with function formats.app_uuid(json) as implicit;

create function formats.code_json(api.code) returns json immutable language sql as $$ select to_json(upper($1)) $$;
create cast (api.code as json) with function formats.code_json(api.code) as implicit;
-- explicit only: PostgREST uses implicit casts alone
create function formats.code(json) returns api.code immutable language sql as $$ select ($1 #>> '{}')::api.code $$;
create cast (json as api.code) with function formats.code(json);

create table api.profiles (
  id      api.app_uuid primary key,
  name    text not null,
  code    api.code,
  aliases api.app_uuid[],
  twin    api.other_uuid
);

create view api.profile_names as select id, name from api.profiles;

-- results of the table's row type read like the table; other results, arguments and computed fields do not
create function api.named(pattern text) returns setof api.profiles stable language sql
  as $$ select * from api.profiles where name like pattern $$;
create function api.ids(pattern text) returns table (id api.app_uuid) stable language sql
  as $$ select id from api.profiles where name like pattern $$;
create function api.by_id(id api.app_uuid) returns text stable language sql
  as $$ select name from api.profiles where profiles.id = by_id.id $$;
create function api.self(api.profiles) returns api.app_uuid stable language sql as $$ select $1.id $$;
