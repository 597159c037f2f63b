-- Roles holding USAGE on the requested schemas. Parameter: text[] of schema names.
select distinct n.nspname as schema,
       case when a.grantee = 0 then 'PUBLIC' else pg_get_userbyid(a.grantee) end as role
from pg_namespace n,
     aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) a
where n.nspname = any (?)
  and a.privilege_type = 'USAGE'
  and (a.grantee = 0 or (a.grantee <> 10 and pg_get_userbyid(a.grantee) !~ '^pg_'))
