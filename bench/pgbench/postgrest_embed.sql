-- PostgREST's transaction for GET /authors?select=id,name,books(id,title)&id=eq.N with a JWT (an author and the
-- ten books that point at it, embedded through the foreign key).
-- PostgREST 12 with db-prepared-statements: one round trip per statement; the main statement is the CTE its
-- query builder renders (see docs/performance.md). Variables come from bench/run.sh.
\set id random(1, :max_author)
BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY;
SELECT set_config('search_path', :search_path, true), set_config('role', :role, true), set_config('request.jwt.claims', :claims, true), set_config('request.method', :method, true), set_config('request.path', :path, true), set_config('request.headers', :headers, true), set_config('request.cookies', :cookies, true), set_config('app.settings.jwt_secret', :secret, true);
SELECT "hooks"."check_user"();
WITH pgrst_source AS ( SELECT "api"."authors"."id", "api"."authors"."name", COALESCE( "authors_books_1"."authors_books_1", '[]') AS "books" FROM "api"."authors" LEFT JOIN LATERAL ( SELECT json_agg("authors_books_1")::jsonb AS "authors_books_1" FROM (SELECT "books_1"."id", "books_1"."title" FROM "api"."books" AS "books_1" WHERE "books_1"."author_id" = "api"."authors"."id" ) AS "authors_books_1" ) AS "authors_books_1" ON TRUE WHERE "api"."authors"."id" = :id ) SELECT null::bigint AS total_result_set, pg_catalog.count(_postgrest_t) AS page_total, coalesce(json_agg(_postgrest_t), '[]') AS body, nullif(current_setting('response.headers', true), '') AS response_headers, nullif(current_setting('response.status', true), '') AS response_status, '' AS response_inserted FROM ( SELECT * FROM pgrst_source ) _postgrest_t;
COMMIT;
