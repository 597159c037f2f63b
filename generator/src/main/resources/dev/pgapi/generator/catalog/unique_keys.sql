-- Primary keys and unique indexes (constraints or not) without predicate or expressions, columns in key order.
-- Parameter: text[] of schema names.
select i.indrelid as relation_oid,
       ic.relname as name,
       i.indisprimary as is_primary,
       array(select a.attname
             from unnest(i.indkey[0:i.indnkeyatts - 1]) with ordinality k(attnum, pos)
             join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
             order by k.pos)::text[] as columns
from pg_index i
join pg_class ic on ic.oid = i.indexrelid
join pg_class c on c.oid = i.indrelid
join pg_namespace n on n.oid = c.relnamespace
where n.nspname = any (?)
  and not c.relispartition
  and i.indisunique
  and i.indpred is null
  and i.indexprs is null
