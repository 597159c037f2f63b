-- Tables, partitioned parents (not partitions), views, materialized views and foreign tables.
-- Parameter: text[] of schema names. The oid only joins rows in Java; it is never written out.
select c.oid,
       n.nspname as schema,
       c.relname as name,
       c.relkind as kind,
       obj_description(c.oid, 'pg_class') as comment,
       pg_relation_is_updatable(c.oid, true) as updatable_mask,
       c.relrowsecurity as rls_enabled,
       c.relforcerowsecurity as rls_forced,
       coalesce((select o.option_value::boolean
                 from pg_options_to_table(c.reloptions) o
                 where o.option_name = 'security_invoker'), false) as security_invoker
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
where n.nspname = any (?)
  and c.relkind in ('r', 'p', 'v', 'm', 'f')
  and not c.relispartition
