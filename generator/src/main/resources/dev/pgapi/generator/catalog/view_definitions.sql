-- The stored query tree of every user view and materialized view (any schema, so that chains through
-- private schemas resolve). Its top-level target list records the origin table and column of each output column.
select c.oid as relation_oid,
       r.ev_action::text as definition
from pg_rewrite r
join pg_class c on c.oid = r.ev_class
join pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('v', 'm')
  and r.rulename = '_RETURN'
  and n.nspname not in ('pg_catalog', 'information_schema')
