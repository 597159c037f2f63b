-- pgapi's round trip for GET /books?select=id,title,published,author_id&id=gt.N&order=id&limit=20 with a JWT: the statements the service sends (bench/run.sh
-- captures them in captured-sql.log), pipelined without BEGIN/COMMIT so that they share one implicit transaction and
-- one Sync, as pgjdbc sends them (unnamed statements: bench/run.sh runs these in extended mode).
\set id random(1, :max_id - 20)
\startpipeline
SELECT set_config('search_path', :search_path, true), set_config('role', :role, true), set_config('request.jwt.claims', :claims, true), set_config('request.method', :method, true), set_config('request.path', :path, true), set_config('request.headers', :headers, true), set_config('request.cookies', :cookies, true), set_config(:secret_name, :secret, true), (SELECT pg_catalog.count(set_config('request.jwt.claim.' || c.key, c.value, true)) FROM json_each_text(:claims::json) AS c), set_config('transaction_read_only', 'on', true);
SELECT "hooks"."check_user"();
SELECT pg_catalog.count(_pgrst_t) AS page_total, coalesce(json_agg(_pgrst_t), '[]')::text AS body, nullif(current_setting('response.headers', true), '') AS response_headers, nullif(current_setting('response.status', true), '') AS response_status FROM (SELECT "books"."id", "books"."title", "books"."published", "books"."author_id" FROM "api"."books" WHERE ("books"."id" > :id) ORDER BY "books"."id" ASC LIMIT :limit) _pgrst_t;
\endpipeline
