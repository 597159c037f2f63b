-- PostgREST's transaction for POST /books {"title":"Bench book","author_id":N} with Prefer: return=representation
-- and a JWT (read-write transaction; the inserted row comes back as the body).
-- PostgREST 12 with db-prepared-statements: one round trip per statement; the main statement is the CTE its
-- query builder renders (see docs/performance.md). Variables come from bench/run.sh.
\set author random(1, :max_author)
BEGIN ISOLATION LEVEL READ COMMITTED;
SELECT set_config('search_path', :search_path, true), set_config('role', :role, true), set_config('request.jwt.claims', :claims, true), set_config('request.method', :method, true), set_config('request.path', :path, true), set_config('request.headers', :headers, true), set_config('request.cookies', :cookies, true), set_config('app.settings.jwt_secret', :secret, true);
SELECT "hooks"."check_user"();
WITH pgrst_source AS (INSERT INTO "api"."books"("author_id", "title") SELECT "pgrst_body"."author_id", "pgrst_body"."title" FROM (SELECT ('{"title":"Bench book","author_id":' || :author || '}')::json AS json_data) pgrst_payload, LATERAL (SELECT CASE WHEN json_typeof(pgrst_payload.json_data) = 'array' THEN pgrst_payload.json_data ELSE json_build_array(pgrst_payload.json_data) END AS val) pgrst_uniform_json, LATERAL (SELECT "author_id", "title" FROM json_to_recordset(pgrst_uniform_json.val) AS _("author_id" integer, "title" text) ) pgrst_body RETURNING "api"."books".*) SELECT '' AS total_result_set, pg_catalog.count(_postgrest_t) AS page_total, array[]::text[] AS header, coalesce(json_agg(_postgrest_t), '[]') AS body, nullif(current_setting('response.headers', true), '') AS response_headers, nullif(current_setting('response.status', true), '') AS response_status, '' AS response_inserted FROM (SELECT "books".* FROM "pgrst_source" AS "books") _postgrest_t;
COMMIT;
