-- Generated from the SQL goldens (SqlGoldenIT, the bench group of the example's SqlCorpus): edit those and rewrite with
-- -Dgolden.update=true. pgapi's round trip for GET /books?id=eq.N without a token (anon): the statements the service
-- sends, pipelined without BEGIN/COMMIT so that they share one implicit transaction and one Sync, as pgjdbc sends them;
-- bench/run.sh defines the variables and runs these in prepared mode, as the service's named statements.
\set id random(1, :max_id)
\startpipeline
SELECT set_config('search_path', :search_path, true), set_config('statement_timeout', :anon_timeout, true), set_config('role', :role, true), set_config('request.jwt.claims', :claims, true), set_config('request.method', :method, true), set_config('request.path', :path, true), set_config('request.headers', :headers, true), set_config('request.cookies', :cookies, true), set_config(:secret_name, :secret, true), set_config(:claim_role_name, :role, true), set_config('transaction_read_only', 'on', true);
SELECT "hooks"."check_user"();
WITH pgrst_source AS (SELECT "pgrst_0".* FROM "api"."books" AS "pgrst_0" WHERE ("pgrst_0"."id" = :id)) SELECT NULL::bigint AS total_result_set, pg_catalog.count(_postgrest_t) AS page_total, coalesce(json_agg(_postgrest_t), '[]')::text AS body, nullif(current_setting('response.headers', true), '') AS response_headers, nullif(current_setting('response.status', true), '') AS response_status FROM pgrst_source _postgrest_t;
\endpipeline
