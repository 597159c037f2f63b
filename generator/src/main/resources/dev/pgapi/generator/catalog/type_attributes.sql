-- Attributes of the stand-alone composite types in the requested schemas. Parameter: text[] of schema names.
select t.oid as type_oid,
       a.attname as name,
       a.attnum as ordinal,
       a.atttypid as type_oid_of_attribute,
       a.atttypmod as type_mod
from pg_type t
join pg_namespace n on n.oid = t.typnamespace
join pg_class c on c.oid = t.typrelid and c.relkind = 'c'
join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
where n.nspname = any (?)
  and t.typtype = 'c'
