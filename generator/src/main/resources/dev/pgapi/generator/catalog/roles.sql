-- Roles other than the predefined pg_* roles and the bootstrap superuser (oid 10).
-- Since PostgreSQL 16 a membership may be granted several times by different grantors, hence distinct.
select r.rolname as name,
       r.rolcanlogin as login,
       r.rolinherit as inherit,
       r.rolbypassrls or r.rolsuper as bypass_rls,
       array(select distinct pg_get_userbyid(m.roleid)
             from pg_auth_members m
             where m.member = r.oid
               and m.roleid <> 10
               and pg_get_userbyid(m.roleid) !~ '^pg_')::text[] as member_of,
       array(select distinct s.setting
             from pg_db_role_setting d, unnest(d.setconfig) s(setting)
             where d.setrole = r.oid)::text[] as settings
from pg_roles r
where r.oid <> 10
  and r.rolname !~ '^pg_'
