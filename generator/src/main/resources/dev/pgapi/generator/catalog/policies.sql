-- Row-level security policies. Parameter: text[] of schema names.
select p.polrelid as relation_oid,
       p.polname as name,
       case p.polcmd when 'r' then 'SELECT' when 'a' then 'INSERT' when 'w' then 'UPDATE'
                     when 'd' then 'DELETE' else 'ALL' end as command,
       p.polpermissive as permissive,
       array(select case when r = 0 then 'PUBLIC' else pg_get_userbyid(r) end
             from unnest(p.polroles) r
             where r = 0 or (r <> 10 and pg_get_userbyid(r) !~ '^pg_'))::text[] as roles,
       pg_get_expr(p.polqual, p.polrelid) as using_expr,
       pg_get_expr(p.polwithcheck, p.polrelid) as check_expr
from pg_policy p
join pg_class c on c.oid = p.polrelid
join pg_namespace n on n.oid = c.relnamespace
where n.nspname = any (?)
