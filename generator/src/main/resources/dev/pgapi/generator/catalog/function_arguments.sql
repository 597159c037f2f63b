-- Arguments of the functions in the requested schemas, in declaration order. Parameter: text[] of schema names.
select p.oid as function_oid,
       a.pos,
       a.type_oid,
       coalesce(p.proargnames[a.pos], '') as name,
       case coalesce(p.proargmodes[a.pos], 'i') when 'i' then 'IN' when 'o' then 'OUT' when 'b' then 'INOUT'
                                              when 'v' then 'VARIADIC' else 'TABLE' end as mode
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace,
     unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality a(type_oid, pos)
where n.nspname = any (?)
  and p.prokind = 'f'
