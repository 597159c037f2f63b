-- The requested schemas that exist. Parameter: text[] of schema names.
select n.nspname as name,
       obj_description(n.oid, 'pg_namespace') as comment
from pg_namespace n
where n.nspname = any (?)
