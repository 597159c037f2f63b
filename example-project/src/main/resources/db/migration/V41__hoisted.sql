-- Settings declared on functions. A call applies those named in db-hoisted-tx-settings (default statement_timeout,
-- plan_filter.statement_cost_limit, default_transaction_isolation) to its whole transaction, as PostgREST does: a
-- function's own SET statement_timeout would not limit the statement that is already running.

-- Sleeps longer than its statement_timeout: cancelled with 57014.
create function api.slow_hoisted() returns integer
  language sql volatile
  set statement_timeout = '100ms'
as $$ select pg_sleep(0.5); select 1; $$;
comment on function api.slow_hoisted() is 'Sleeps 0.5 s under a hoisted 100 ms statement_timeout.';

-- The function's default_transaction_isolation becomes the isolation level of the call's transaction.
create function api.serializable_isolation() returns text
  language sql volatile
  set default_transaction_isolation = 'serializable'
as $$ select current_setting('transaction_isolation'); $$;
comment on function api.serializable_isolation() is 'The isolation level the call runs in.';

-- work_mem is not hoisted: it applies inside the function only.
create function api.local_work_mem() returns text
  language sql stable
  set work_mem = '1234kB'
as $$ select current_setting('work_mem'); $$;
comment on function api.local_work_mem() is 'work_mem inside the function (a function-local setting).';

grant execute on function api.slow_hoisted(), api.serializable_isolation(), api.local_work_mem() to anon, webuser;
