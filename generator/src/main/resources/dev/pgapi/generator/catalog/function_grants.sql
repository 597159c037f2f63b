-- EXECUTE privileges, PUBLIC's implicit one included (acldefault). Parameter: text[] of schema names.
select distinct p.oid as function_oid,
       case when g.grantee = 0 then 'PUBLIC' else pg_get_userbyid(g.grantee) end as role,
       g.privilege_type as privilege
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace,
     aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) g
where n.nspname = any (?)
  and p.prokind = 'f'
  and (g.grantee = 0 or (g.grantee <> 10 and pg_get_userbyid(g.grantee) !~ '^pg_'))
