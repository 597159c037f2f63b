-- Functions (prokind 'f') except trigger and event trigger functions. Parameter: text[] of schema names.
select p.oid,
       n.nspname as schema,
       p.proname as name,
       p.prorettype as return_type_oid,
       p.proretset as returns_set,
       p.proretset and p.prorows = 1 as one_row,
       rn.nspname as return_relation_schema,
       rc.relname as return_relation_name,
       case p.provolatile when 'i' then 'IMMUTABLE' when 's' then 'STABLE' else 'VOLATILE' end as volatility,
       p.prosecdef as security_definer,
       l.lanname as language,
       coalesce(p.proconfig, '{}')::text[] as settings,
       obj_description(p.oid, 'pg_proc') as comment,
       p.pronargdefaults as defaults,
       -- a SQL-standard body (BEGIN ATOMIC, RETURN) leaves prosrc empty: its definition is read back instead
       case when p.prosrc = '' then pg_get_functiondef(p.oid) else p.prosrc end as source
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
join pg_language l on l.oid = p.prolang
join pg_type rt on rt.oid = p.prorettype
left join pg_class rc on rc.oid = rt.typrelid and rc.relkind in ('r', 'p', 'v', 'm', 'f')
left join pg_namespace rn on rn.oid = rc.relnamespace
where n.nspname = any (?)
  and p.prokind = 'f'
  and p.prorettype not in ('trigger'::regtype, 'event_trigger'::regtype)
