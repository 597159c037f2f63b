-- Foreign keys declared on relations in the requested schemas, referencing any schema; columns in key order.
-- Parameter: text[] of schema names.
select k.conrelid as relation_oid,
       k.conname as name,
       array(select a.attname
             from unnest(k.conkey) with ordinality u(attnum, pos)
             join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum
             order by u.pos)::text[] as columns,
       rn.nspname as referenced_schema,
       rc.relname as referenced_relation,
       array(select a.attname
             from unnest(k.confkey) with ordinality u(attnum, pos)
             join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum
             order by u.pos)::text[] as referenced_columns
from pg_constraint k
join pg_class c on c.oid = k.conrelid
join pg_namespace n on n.oid = c.relnamespace
join pg_class rc on rc.oid = k.confrelid
join pg_namespace rn on rn.oid = rc.relnamespace
where n.nspname = any (?)
  and not c.relispartition
  and k.contype = 'f'
  -- a foreign key on a partitioned table is cloned onto its partitions; keep the parent's only
  and k.conparentid = 0
