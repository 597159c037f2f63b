-- =====================================================================================================================
-- pgapi SQL auth kit: user accounts, password hashing, a pure-SQL JWT signer and a `login` function
-- =====================================================================================================================
--
-- What this is
--   The "SQL User Management" recipe from the PostgREST authentication guide, ready to copy into a migration:
--     * schema `basic_auth` (never expose it in `db-schemas`) holding
--         - a JWT signer/verifier written in plain SQL on top of pgcrypto, compatible with pgjwt:
--           url_encode, url_decode, algorithm_sign, sign, verify (HS256, HS384, HS512).
--           `basic_auth.sign(payload, secret)` returns byte-for-byte what pgjwt's `sign(payload, secret)` returns,
--           so you do not need the pgjwt extension (handy where extensions cannot be installed);
--         - table `basic_auth.users(email, pass, role)`: passwords are bcrypt-hashed by a trigger, `role` must name an
--           existing database role (checked by a constraint trigger, PostgreSQL has no foreign keys to pg_roles);
--         - `basic_auth.user_role(email, pass)`: the role of a user when the password matches, else NULL;
--         - composite type `basic_auth.jwt_token(token text)`, so that `POST /rpc/login` answers `{"token":"..."}`;
--     * a `login(email, pass)` function in your exposed schema (the block marked ADAPT at the end: it creates
--       `api.login` and grants it to `anon`; rename those to your exposed schema and anonymous role).
--
-- Prerequisites
--   * PostgreSQL 13 or later and the `pgcrypto` extension (a contrib module shipped with PostgreSQL; the script runs
--     `create extension if not exists pgcrypto`, which needs a role allowed to create it; on hosted databases
--     pgcrypto is usually already allowed). pgcrypto may live in any schema: the kit looks it up.
--   * For the ADAPT block: your exposed schema (`api` below) and anonymous role (`anon` below) must exist.
--   * The JWT secret is not stored in the database: `login` reads `current_setting('app.settings.jwt_secret')`.
--     pgapi (like PostgREST) sets every `app.settings.*` key of its configuration for each request, so put
--         jwt-secret = "<your secret, at least 32 characters>"
--         app.settings.jwt_secret = "<the same secret>"
--     in the service configuration (or the PGRST_JWT_SECRET / PGRST_APP_SETTINGS_JWT_SECRET environment variables).
--     Tokens are signed with HS256, which is what a plain-string `jwt-secret` verifies.
--
-- How to install
--   Copy this file into your migrations (for Flyway e.g. `V3__auth_kit.sql`) after the migration that creates your
--   roles and exposed schema, edit the ADAPT block, then add users with
--       insert into basic_auth.users (email, pass, role) values ('alice@example.com', 'alice-password', 'alice');
--   (the plain password is hashed on insert; the role must exist and be granted to your authenticator role).
--   The script is idempotent: running it again replaces the functions and keeps the users table and its rows.
--
-- Security notes
--   * `login` is SECURITY DEFINER: it runs with the rights of its owner (the role running the migrations), so the
--     anonymous role needs no access at all to `basic_auth`. Like every SECURITY DEFINER function here it has a
--     fixed search_path, so objects planted in other schemas cannot hijack the calls it makes.
--   * `basic_auth.user_role` answers "is this password right?": EXECUTE on it is revoked from PUBLIC.
--   * A wrong email or password raises SQLSTATE 28P01 (invalid_password) `invalid user or password`, which the
--     server maps to HTTP 403.
-- =====================================================================================================================

create extension if not exists pgcrypto;

create schema if not exists basic_auth;
comment on schema basic_auth is 'Users, password hashes and JWT helpers. Internal: do not expose in db-schemas.';


-- ---------------------------------------------------------------------------------------------------------------------
-- JWT signing (same algorithm and output as pgjwt: header {"alg":"<alg>","typ":"JWT"}, base64url without padding)
-- ---------------------------------------------------------------------------------------------------------------------

-- base64url (RFC 4648 §5) without '=' padding; encode() wraps lines every 76 characters, so newlines are dropped too.
create or replace function basic_auth.url_encode(data bytea) returns text
  language sql immutable strict
  set search_path = pg_catalog, pg_temp
as $$
  select translate(encode(data, 'base64'), E'+/=\n', '-_');
$$;

-- Inverse of url_encode: restore the standard alphabet and the padding decode() insists on.
create or replace function basic_auth.url_decode(data text) returns bytea
  language sql immutable strict
  set search_path = pg_catalog, pg_temp
as $$
  with t as (select translate(data, '-_', '+/') as trans),
       rem as (select length(t.trans) % 4 as remainder from t)
  select decode(t.trans || case when rem.remainder > 0 then repeat('=', 4 - rem.remainder) else '' end, 'base64')
    from t, rem;
$$;

-- The base64url HMAC of `signables` (the "header.payload" text). An unknown algorithm leaves the digest name empty
-- and pgcrypto's hmac() rejects it, exactly like pgjwt. hmac() comes from pgcrypto: the search_path is pinned further
-- down to pgcrypto's schema. (plpgsql rather than sql: a sql body is resolved when created, which would fail here
-- when pgcrypto's schema is not on the search_path of the role running the script.)
create or replace function basic_auth.algorithm_sign(signables text, secret text, algorithm text) returns text
  language plpgsql immutable
as $$
begin
  return basic_auth.url_encode(hmac(signables, secret, case algorithm
                                                         when 'HS256' then 'sha256'
                                                         when 'HS384' then 'sha384'
                                                         when 'HS512' then 'sha512'
                                                         else ''
                                                       end));
end;
$$;

-- A signed JWT for `payload`. The payload's JSON text is signed as written (json, not jsonb, keeps key order and
-- spacing), so `sign(row_to_json(r), secret)` gives the same token as pgjwt's sign.
create or replace function basic_auth.sign(payload json, secret text, algorithm text default 'HS256') returns text
  language sql immutable
  set search_path = pg_catalog, pg_temp
as $$
  with header as (
         select basic_auth.url_encode(convert_to('{"alg":"' || algorithm || '","typ":"JWT"}', 'utf8')) as data),
       payload as (
         select basic_auth.url_encode(convert_to(payload::text, 'utf8')) as data),
       signables as (
         select header.data || '.' || payload.data as data from header, payload)
  select signables.data || '.' || basic_auth.algorithm_sign(signables.data, secret, algorithm) from signables;
$$;

-- NULL for anything that is not a number (used for the optional nbf/exp claims in verify).
create or replace function basic_auth.try_cast_double(inp text) returns double precision
  language plpgsql immutable
  set search_path = pg_catalog, pg_temp
as $$
begin
  begin
    return inp::double precision;
  exception when others then
    return null;
  end;
end;
$$;

-- Decodes a token and checks its signature and its nbf/exp window (like pgjwt's verify): `valid` is true only when
-- the signature matches and now() lies inside [nbf, exp). Not needed by login; useful for tests and tooling.
create or replace function basic_auth.verify(token text, secret text, algorithm text default 'HS256')
  returns table (header json, payload json, valid boolean)
  language sql stable
  set search_path = pg_catalog, pg_temp
as $$
  select jwt.header as header,
         jwt.payload as payload,
         jwt.signature_ok and tstzrange(
           to_timestamp(basic_auth.try_cast_double(jwt.payload ->> 'nbf')),
           to_timestamp(basic_auth.try_cast_double(jwt.payload ->> 'exp'))
         ) @> current_timestamp as valid
    from (select convert_from(basic_auth.url_decode(r[1]), 'utf8')::json as header,
                 convert_from(basic_auth.url_decode(r[2]), 'utf8')::json as payload,
                 r[3] = basic_auth.algorithm_sign(r[1] || '.' || r[2], secret, algorithm) as signature_ok
            from regexp_split_to_array(token, '\.') r) jwt;
$$;


-- ---------------------------------------------------------------------------------------------------------------------
-- Users
-- ---------------------------------------------------------------------------------------------------------------------

create table if not exists basic_auth.users (
  email text primary key check (email ~* '^.+@.+\..+$'),
  pass  text not null check (length(pass) < 512),
  role  name not null check (length(role) < 512)
);
comment on table basic_auth.users is 'Login accounts: email, bcrypt password hash, the database role a token grants.';

-- `role` should reference pg_roles, which a foreign key cannot do: a constraint trigger checks it instead and raises
-- the same SQLSTATE a foreign key would (23503, mapped to HTTP 409).
create or replace function basic_auth.check_role_exists() returns trigger
  language plpgsql
  set search_path = pg_catalog, pg_temp
as $$
begin
  if not exists (select 1 from pg_roles as r where r.rolname = new.role) then
    raise foreign_key_violation using message = 'unknown database role: ' || new.role;
    return null;
  end if;
  return new;
end;
$$;

drop trigger if exists ensure_user_role_exists on basic_auth.users;
create constraint trigger ensure_user_role_exists
  after insert or update on basic_auth.users
  for each row
  execute procedure basic_auth.check_role_exists();

-- Passwords are stored as bcrypt hashes ('$2a$...'). Hash on insert, and on update only when the value changed, so
-- updating another column does not hash the hash again.
create or replace function basic_auth.encrypt_pass() returns trigger
  language plpgsql
as $$
begin
  if tg_op = 'INSERT' or new.pass <> old.pass then
    new.pass = crypt(new.pass, gen_salt('bf'));
  end if;
  return new;
end;
$$;

drop trigger if exists encrypt_pass on basic_auth.users;
create trigger encrypt_pass
  before insert or update on basic_auth.users
  for each row
  execute procedure basic_auth.encrypt_pass();

-- The database role of a user when email and password match, else NULL. crypt(candidate, stored hash) re-hashes the
-- candidate with the salt embedded in the stored hash.
create or replace function basic_auth.user_role(email text, pass text) returns name
  language plpgsql stable
as $$
begin
  return (
    select role from basic_auth.users
     where users.email = user_role.email
       and users.pass = crypt(user_role.pass, users.pass)
  );
end;
$$;
-- A password oracle: only the owner (and SECURITY DEFINER functions like login) may call it.
revoke execute on function basic_auth.user_role(text, text) from public;

-- What login returns: a one-field composite renders as {"token":"..."} in the HTTP response.
do $$
begin
  create type basic_auth.jwt_token as (token text);
exception when duplicate_object then
  null;  -- already installed
end;
$$;

-- Pin the search_path of the functions that call pgcrypto (hmac, crypt, gen_salt) to pgcrypto's schema, wherever
-- it was installed (public, extensions, ...), plus pg_temp last so temporary objects can never shadow anything.
do $$
declare
  crypto_schema name := (select n.nspname
                           from pg_extension e join pg_namespace n on n.oid = e.extnamespace
                          where e.extname = 'pgcrypto');
begin
  execute format('alter function basic_auth.algorithm_sign(text, text, text) set search_path = pg_catalog, %I, pg_temp',
                 crypto_schema);
  execute format('alter function basic_auth.encrypt_pass() set search_path = pg_catalog, %I, pg_temp', crypto_schema);
  execute format('alter function basic_auth.user_role(text, text) set search_path = pg_catalog, %I, pg_temp',
                 crypto_schema);
end;
$$;


-- =====================================================================================================================
-- ADAPT: the public login function. It must live in your exposed schema (here `api`, served as POST /rpc/login) and
-- be executable by your anonymous role (here `anon`). Rename both to match your configuration.
--
--   POST /rpc/login  {"email":"alice@example.com","pass":"alice-password"}   ->   {"token":"eyJhbGciOiJIUzI1NiIs..."}
--
-- Claims: role (from basic_auth.users), email, exp = now + 1 hour. Wrong email or password: SQLSTATE 28P01 (HTTP 403).
-- =====================================================================================================================

create or replace function api.login(email text, pass text) returns basic_auth.jwt_token
  language plpgsql
  security definer                      -- reads basic_auth.users, which the anonymous role cannot see
  set search_path = pg_catalog, pg_temp -- fixed: everything below is schema-qualified
as $$
declare
  _role  name;
  _secret text := current_setting('app.settings.jwt_secret', true);
  result basic_auth.jwt_token;
begin
  -- check email and password
  select basic_auth.user_role(login.email, login.pass) into _role;
  if _role is null then
    raise invalid_password using message = 'invalid user or password';
  end if;

  -- The secret comes from the server configuration (app.settings.jwt_secret), never from a table or this code.
  if coalesce(_secret, '') = '' then
    raise exception 'app.settings.jwt_secret is not set'
      using errcode = 'config_file_error',
            hint = 'Set app.settings.jwt_secret to the same value as jwt-secret in the service configuration.';
  end if;

  select basic_auth.sign(row_to_json(r), _secret) as token
    from (select _role as role,
                 login.email as email,
                 extract(epoch from now())::integer + 60 * 60 as exp) r
    into result;
  return result;
end;
$$;

comment on function api.login(text, text) is 'Exchanges an email and password for a signed JWT ({"token": ...}).';

-- SECURITY DEFINER functions should be callable only by the roles meant to call them.
revoke execute on function api.login(text, text) from public;
grant usage on schema api to anon;
grant execute on function api.login(text, text) to anon;
