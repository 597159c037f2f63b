-- Enums, stand-alone composite types, domains and ranges. Parameter: text[] of schema names.
select t.oid,
       n.nspname as schema,
       t.typname as name,
       obj_description(t.oid, 'pg_type') as comment,
       array(select e.enumlabel from pg_enum e where e.enumtypid = t.oid order by e.enumsortorder)::text[] as labels
from pg_type t
join pg_namespace n on n.oid = t.typnamespace
left join pg_class c on c.oid = t.typrelid
where n.nspname = any (?)
  and (t.typtype in ('e', 'd', 'r') or (t.typtype = 'c' and c.relkind = 'c'))
