-- Table-level privileges, the owner's implicit ones included (acldefault). Parameter: text[] of schema names.
select distinct c.oid as relation_oid,
       case when g.grantee = 0 then 'PUBLIC' else pg_get_userbyid(g.grantee) end as role,
       g.privilege_type as privilege
from pg_class c
join pg_namespace n on n.oid = c.relnamespace,
     aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) g
where n.nspname = any (?)
  and c.relkind in ('r', 'p', 'v', 'm', 'f')
  and not c.relispartition
  and (g.grantee = 0 or (g.grantee <> 10 and pg_get_userbyid(g.grantee) !~ '^pg_'))
