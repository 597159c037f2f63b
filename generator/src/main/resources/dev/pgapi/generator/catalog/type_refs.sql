-- Describes (type oid, typmod) pairs. Parameters: int8[] of type oids, int4[] of typmods (-1 for none).
-- Runs with search_path = pg_catalog so that format_type qualifies every user type.
with recursive requested as (
    select distinct k.type_oid::oid as type_oid, k.type_mod
    from unnest(?::int8[], ?::int4[]) k(type_oid, type_mod)
),
element as (
    -- arrays are described by their element type
    select r.type_oid, r.type_mod,
           case when t.typcategory = 'A' and t.typelem <> 0 then t.typelem else t.oid end as elem_oid,
           case when t.typcategory = 'A' and t.typelem <> 0 then 1 else 0 end as array_depth
    from requested r
    join pg_type t on t.oid = r.type_oid
),
storage(type_oid, type_mod, base_oid, base_mod, depth) as (
    -- follows domains down to the type they are stored as; the typmod comes from the lowest domain
    select e.type_oid, e.type_mod, e.elem_oid, -1, 0 from element e
    union all
    select s.type_oid, s.type_mod, d.typbasetype, d.typtypmod, s.depth + 1
    from storage s
    join pg_type d on d.oid = s.base_oid and d.typtype = 'd'
),
deepest as (
    select distinct on (s.type_oid, s.type_mod) s.*
    from storage s
    order by s.type_oid, s.type_mod, s.depth desc
)
select e.type_oid,
       e.type_mod,
       format_type(e.type_oid, e.type_mod) as sql,
       en.nspname as schema,
       et.typname as name,
       e.array_depth,
       case when et.typtype = 'd'
            then format_type(d.base_oid, d.base_mod) || case when e.array_depth = 1 then '[]' else '' end
       end as base_sql,
       bt.typtype as base_typtype,
       bt.typcategory as base_typcategory,
       bn.nspname as base_schema,
       bt.typname as base_name
from element e
join pg_type et on et.oid = e.elem_oid
join pg_namespace en on en.oid = et.typnamespace
join deepest d on d.type_oid = e.type_oid and d.type_mod = e.type_mod
join pg_type bt on bt.oid = d.base_oid
join pg_namespace bn on bn.oid = bt.typnamespace
