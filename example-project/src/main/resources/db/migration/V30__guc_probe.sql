-- Seeing what the server sets per request, and settings carried by roles.
--
-- api.get_guc(name) returns a setting as the request sees it, e.g.
--   GET /rpc/get_guc?name=request.jwt.claims    ->  "{\"role\":\"anon\"}"
--   GET /rpc/get_guc?name=request.jwt.claim.email, request.method, request.path, request.headers, request.cookies,
--       role, search_path, app.settings.<name>, statement_timeout, transaction_isolation
-- It returns current_setting(name, true) unchanged: NULL for a setting never set on the connection, and '' for one
-- an earlier request on the same pooled connection set (transaction-local values linger as '').
-- Handy while developing policies; drop it (or revoke it from anon) in a real deployment if the claims or headers
-- of a request are nobody's business but the server's.
create function api.get_guc(name text) returns text
  language sql stable
as $$
  select current_setting(name, true);
$$;
comment on function api.get_guc(text) is 'A setting of the current request (current_setting(name, true)).';

grant execute on function api.get_guc(text) to anon, webuser;

-- Settings stored on a role apply to every request that runs as it: the server applies them before switching role
-- (PostgreSQL itself only applies them at login). Anonymous requests may not run longer than 3 seconds:
alter role anon set statement_timeout = '3s';
-- ... and bob's transactions run at REPEATABLE READ (default_transaction_isolation becomes the isolation level).
alter role bob set default_transaction_isolation = 'repeatable read';
