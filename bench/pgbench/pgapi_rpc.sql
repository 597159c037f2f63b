-- Generated from the SQL goldens (SqlGoldenIT, the bench group of the example's SqlCorpus): edit those and rewrite with
-- -Dgolden.update=true. pgapi's round trip for POST /rpc/add {"a":40,"b":2} with a JWT: the statements the service
-- sends, pipelined without BEGIN/COMMIT so that they share one implicit transaction and one Sync, as pgjdbc sends them;
-- bench/run.sh defines the variables and runs these in prepared mode, as the service's named statements.
\startpipeline
SELECT set_config('search_path', :search_path, true), set_config('role', :role, true), set_config('request.jwt.claims', :claims, true), set_config('request.method', :method, true), set_config('request.path', :path, true), set_config('request.headers', :headers, true), set_config('request.cookies', :cookies, true), set_config(:secret_name, :secret, true), set_config(:claim_email_name, :claim_email, true), set_config(:claim_exp_name, :claim_exp, true), set_config(:claim_role_name, :role, true), set_config('transaction_read_only', 'on', true);
SELECT "hooks"."check_user"();
WITH pgrst_source AS MATERIALIZED (SELECT "api"."add"("a" := _pgrst_args."a", "b" := _pgrst_args."b") AS pgrst_scalar FROM json_to_record(:args::json) AS _pgrst_args("a" integer, "b" integer)), pgrst_page AS (SELECT pgrst_scalar FROM pgrst_source) SELECT pg_catalog.count(_postgrest_t) AS page_total, coalesce(json_agg(_postgrest_t.pgrst_scalar)->0, 'null')::text AS body, nullif(current_setting('response.headers', true), '') AS response_headers, nullif(current_setting('response.status', true), '') AS response_status FROM pgrst_page _postgrest_t;
\endpipeline
