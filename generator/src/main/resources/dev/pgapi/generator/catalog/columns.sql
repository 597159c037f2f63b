-- Columns (dropped ones excluded) of the relations in the requested schemas. Parameter: text[] of schema names.
select a.attrelid as relation_oid,
       a.attname as name,
       a.attnum as ordinal,
       a.atttypid as type_oid,
       a.atttypmod as type_mod,
       not a.attnotnull as nullable,
       case when a.attgenerated = '' then pg_get_expr(d.adbin, d.adrelid) end as default_value,
       case a.attidentity when 'a' then 'ALWAYS' when 'd' then 'BY_DEFAULT' end as identity,
       a.attgenerated <> '' as generated,
       -- what an omitted value becomes, as PostgREST's schema cache computes it for Prefer: missing=default
       case
         when a.attgenerated <> '' then null
         when d.adbin is not null then pg_get_expr(d.adbin, d.adrelid)
         when a.attidentity = 'd'
           then format('nextval(%L)', pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname))
         when t.typbasetype <> 0 then pg_get_expr(t.typdefaultbin, 0)
       end as omitted_value,
       col_description(a.attrelid, a.attnum) as comment
from pg_attribute a
join pg_class c on c.oid = a.attrelid
join pg_namespace n on n.oid = c.relnamespace
join pg_type t on t.oid = a.atttypid
left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
where n.nspname = any (?)
  and c.relkind in ('r', 'p', 'v', 'm', 'f')
  and not c.relispartition
  and a.attnum > 0
  and not a.attisdropped
