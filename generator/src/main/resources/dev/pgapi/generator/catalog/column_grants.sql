-- Column-level privileges (attacl). Parameter: text[] of schema names.
select distinct a.attrelid as relation_oid,
       a.attname as column_name,
       case when g.grantee = 0 then 'PUBLIC' else pg_get_userbyid(g.grantee) end as role,
       g.privilege_type as privilege
from pg_attribute a
join pg_class c on c.oid = a.attrelid
join pg_namespace n on n.oid = c.relnamespace,
     aclexplode(a.attacl) g
where n.nspname = any (?)
  and c.relkind in ('r', 'p', 'v', 'm', 'f')
  and not c.relispartition
  and a.attnum > 0
  and not a.attisdropped
  and (g.grantee = 0 or (g.grantee <> 10 and pg_get_userbyid(g.grantee) !~ '^pg_'))
