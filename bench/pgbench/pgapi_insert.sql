-- Generated from the SQL goldens (SqlGoldenIT, the bench group of the example's SqlCorpus): edit those and rewrite with
-- -Dgolden.update=true. pgapi's round trip for POST /books {"title":"Bench book","author_id":N} with Prefer:
-- return=representation and a JWT: the statements the service sends, pipelined without BEGIN/COMMIT so that they share
-- one implicit transaction and one Sync, as pgjdbc sends them; bench/run.sh defines the variables and runs these in
-- prepared mode, as the service's named statements. The service binds the body as one JSON array; here it is assembled
-- from the random author id.
\set author random(1, :max_author)
\startpipeline
SELECT set_config('search_path', :search_path, true), set_config('role', :role, true), set_config('request.jwt.claims', :claims, true), set_config('request.method', :method, true), set_config('request.path', :path, true), set_config('request.headers', :headers, true), set_config('request.cookies', :cookies, true), set_config(:secret_name, :secret, true), set_config(:claim_email_name, :claim_email, true), set_config(:claim_exp_name, :claim_exp, true), set_config(:claim_role_name, :role, true);
SELECT "hooks"."check_user"();
WITH pgrst_body AS (SELECT * FROM json_to_recordset(('[{"title":"Bench book","author_id":' || :author || '}]')::json) AS _("title" text, "author_id" integer)), pgrst_mutation AS (INSERT INTO "api"."books"("title", "author_id") SELECT pgrst_b."title", pgrst_b."author_id" FROM pgrst_body AS pgrst_b RETURNING "books"."id", "books"."title", "books"."author_id", "books"."published", "books"."tags") , pgrst_source AS (SELECT "pgrst_0".* FROM pgrst_mutation AS "pgrst_0") SELECT (SELECT pg_catalog.count(*) FROM pgrst_mutation) AS page_total, (SELECT coalesce(json_agg(_postgrest_t), '[]')::text FROM pgrst_source _postgrest_t) AS body, nullif(current_setting('response.headers', true), '') AS response_headers, nullif(current_setting('response.status', true), '') AS response_status;
\endpipeline
