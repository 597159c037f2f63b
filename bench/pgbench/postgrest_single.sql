-- PostgREST's transaction for GET /books?id=eq.N with a JWT.
-- PostgREST 12 with db-prepared-statements: one round trip per statement; the main statement is the CTE its
-- query builder renders (see docs/performance.md). Variables come from bench/run.sh.
\set id random(1, :max_id)
BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY;
SELECT set_config('search_path', :search_path, true), set_config('role', :role, true), set_config('request.jwt.claims', :claims, true), set_config('request.method', :method, true), set_config('request.path', :path, true), set_config('request.headers', :headers, true), set_config('request.cookies', :cookies, true), set_config('app.settings.jwt_secret', :secret, true);
SELECT "hooks"."check_user"();
WITH pgrst_source AS ( SELECT "api"."books".* FROM "api"."books" WHERE "api"."books"."id" = :id ) SELECT null::bigint AS total_result_set, pg_catalog.count(_postgrest_t) AS page_total, coalesce(json_agg(_postgrest_t), '[]') AS body, nullif(current_setting('response.headers', true), '') AS response_headers, nullif(current_setting('response.status', true), '') AS response_status, '' AS response_inserted FROM ( SELECT * FROM pgrst_source ) _postgrest_t;
COMMIT;
