-- Media type handlers that are aggregates, as PostgREST 16 finds them: an aggregate of an exposed schema with one
-- argument, a relation's row type (or anyelement), returning a domain named after a media type (RFC 6838 characters,
-- or */* for any). Functions returning such a domain are read with the functions. Parameter: text[] of schema names.
select n.nspname as schema,
       p.proname as name,
       mt.typname as media_type,
       -- the type the domain is stored as, followed down through domains over domains
       (with recursive base(oid, typtype, typbasetype) as (
            select b.oid, b.typtype, b.typbasetype from pg_type b where b.oid = mt.typbasetype
            union all
            select b.oid, b.typtype, b.typbasetype from base join pg_type b on b.oid = base.typbasetype
            where base.typtype = 'd')
        select base.oid = 'bytea'::regtype from base where base.typtype <> 'd') as bytea,
       case when at.typname = 'anyelement' and at.typnamespace = 'pg_catalog'::regnamespace then null
            else an.nspname end as target_schema,
       case when at.typname = 'anyelement' and at.typnamespace = 'pg_catalog'::regnamespace then null
            else ac.relname end as target_name
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
join pg_aggregate agg on agg.aggfnoid = p.oid
join pg_type mt on mt.oid = p.prorettype
join pg_type at on at.oid = p.proargtypes[0]
left join pg_class ac on ac.oid = at.typrelid
left join pg_namespace an on an.oid = ac.relnamespace
where n.nspname = any (?)
  and p.pronargs = 1
  and mt.typbasetype <> 0
  and (mt.typname ~* '^[A-Za-z0-9.-]+/[A-Za-z0-9.\+-]+$' or mt.typname = '*/*')
  and (ac.relkind in ('v', 'r', 'm', 'f', 'p')
       or (at.typname = 'anyelement' and at.typnamespace = 'pg_catalog'::regnamespace))
