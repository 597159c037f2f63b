-- Seeing what the server sets per request, and settings carried by roles.
--
-- api.get_guc(name) returns a setting of the signed-in user's own request, e.g.
--   GET /rpc/get_guc?name=request.jwt.claims    ->  "{\"email\":\"carol@example.com\",...,\"role\":\"webuser\"}"
--   GET /rpc/get_guc?name=request.jwt.claim.email, request.method, request.path, request.headers, request.cookies,
--       role, search_path, statement_timeout, transaction_isolation, timezone, work_mem
-- It returns current_setting(name, true) unchanged: NULL for a setting never set on the connection, and '' for one
-- an earlier request on the same pooled connection set (transaction-local values linger as '').
--
-- It answers only the names above. A probe that reads ANY setting by name hands out everything the server sets,
-- app.settings.* included: app.settings.jwt_secret is the key tokens are signed with, so whoever reads it can sign
-- a token for any user. For the same reason it is granted to signed-in users only, never to anon (nor PUBLIC, V2).
-- Handy while developing policies; drop it in a real deployment if the claims or headers of a request are nobody's
-- business but the server's.
create function api.get_guc(name text) returns text
  language plpgsql stable
as $$
begin
  if lower(name) like 'request.%'
     or lower(name) in ('role', 'search_path', 'statement_timeout', 'transaction_isolation', 'timezone', 'work_mem')
  then
    return current_setting(name, true);
  end if;
  raise insufficient_privilege
    using message = format('get_guc does not read "%s"', name),
          hint = 'It reads request.* and a few settings of the transaction, never app.settings.*.';
end;
$$;
comment on function api.get_guc(text) is
  'A setting of the current request (current_setting(name, true)): request.* and a few transaction settings only.';

grant execute on function api.get_guc(text) to webuser;

-- Settings stored on a role apply to every request that runs as it: the server applies them before switching role
-- (PostgreSQL itself only applies them at login). Anonymous requests may not run longer than 3 seconds:
alter role anon set statement_timeout = '3s';
-- ... and bob's transactions run at REPEATABLE READ (default_transaction_isolation becomes the isolation level).
alter role bob set default_transaction_isolation = 'repeatable read';
