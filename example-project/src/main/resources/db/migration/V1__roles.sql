-- =====================================================================================================================
-- pgapi example project: roles
-- =====================================================================================================================
-- The example follows the PostgREST authentication guide end to end:
--   V1  roles (this file)                 V5  chat between per-user roles (RLS on current_user)
--   V2  schemas                           V6  todos and notes for the shared webuser role (RLS on the email claim)
--   V3  the SQL auth kit (login, users)   V7  private data, ban list, pre-request hook, api.me / api.whoami
--   V4  the library: authors, books...    V8  grants          V9  seed data
--
-- Service configuration that goes with it (PostgREST names):
--   db-uri                  = "postgres://authenticator:authenticator@localhost:5432/<database>"
--   db-schemas              = "api"
--   db-anon-role            = "anon"
--   db-pre-request          = "hooks.check_user"
--   jwt-secret              = "reallyreallyreallyreallyverysafe-example-secret-0123"
--   app.settings.jwt_secret = "reallyreallyreallyreallyverysafe-example-secret-0123"   (read by api.login)
-- The secret and the authenticator password are EXAMPLE values: never reuse them anywhere real.
--
-- Roles are cluster-wide (shared by every database of the server) while migrations are per database, so each role
-- is created only when missing: the same migrations can run against several databases of one cluster.
-- =====================================================================================================================

do $$
begin
  -- The login role of the service. NOINHERIT: by itself it can do nothing but switch (SET ROLE) into the roles
  -- granted to it below, which is what the server does for every request.
  if not exists (select from pg_roles where rolname = 'authenticator') then
    create role authenticator login noinherit password 'authenticator';
  end if;

  -- Requests without a token (or with a token without a role claim) run as anon.
  if not exists (select from pg_roles where rolname = 'anon') then
    create role anon nologin;
  end if;

  -- The role shared by signed-in users; individual users are told apart by the email claim of their token.
  if not exists (select from pg_roles where rolname = 'webuser') then
    create role webuser nologin;
  end if;

  -- Hybrid user/group roles: one role per person, each a member of webuser (so it inherits webuser's grants) and
  -- visible as current_user, which the chat policy relies on.
  if not exists (select from pg_roles where rolname = 'alice') then
    create role alice nologin;
  end if;
  if not exists (select from pg_roles where rolname = 'bob') then
    create role bob nologin;
  end if;

  -- A role that exists but is NOT granted to authenticator: a token claiming it must be refused
  -- (SET ROLE fails with 42501 "permission denied to set role", HTTP 403).
  if not exists (select from pg_roles where rolname = 'mallory') then
    create role mallory nologin;
  end if;
end;
$$;

grant webuser to alice;
grant webuser to bob;

-- Allow authenticator to switch into each of these roles (they themselves cannot log in).
grant anon, webuser, alice, bob to authenticator;
