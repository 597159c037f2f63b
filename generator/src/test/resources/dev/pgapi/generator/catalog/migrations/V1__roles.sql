-- Roles of a classic PostgREST setup.
create role authenticator login noinherit;
create role anon nologin;
create role webuser nologin;
create role alice nologin in role webuser;
grant anon, webuser, alice to authenticator;
alter role authenticator set statement_timeout = '5s';
alter role webuser set statement_timeout = '10s';
