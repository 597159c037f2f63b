-- Schemas. Only `api` is exposed over HTTP (db-schemas = "api"); everything else is invisible to clients.
--   api         tables, views and functions of the HTTP API
--   private     data no API role may touch (owner only: no grants at all on this schema)
--   hooks       the db-pre-request function; not exposed, but the API roles must be able to call into it
--   basic_auth  created by the auth kit (V3): users, password hashes, JWT helpers

create schema if not exists api;
comment on schema api is 'The HTTP API of the pgapi example project.';

create schema if not exists private;
comment on schema private is 'Internal data. Not exposed, not granted to any API role.';

create schema if not exists hooks;
comment on schema hooks is 'Functions the server calls itself (db-pre-request). Not exposed.';

-- New functions are executable by PUBLIC unless told otherwise. Switch that off for functions created by the
-- migration role from here on, so every function is callable only by the roles granted EXECUTE explicitly (V8).
-- (This cannot be done per schema: per-schema default privileges only add to the global ones.)
alter default privileges revoke execute on functions from public;
