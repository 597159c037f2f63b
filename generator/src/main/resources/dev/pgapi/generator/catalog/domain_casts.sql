-- PostgREST's domain representations: implicit casts through a function from a domain to json or text, or from
-- json or text to a domain, wherever they are defined. Runs with search_path = pg_catalog so that format_type
-- qualifies user types as the column types are qualified.
select format_type(c.castsource, null) as source,
       format_type(c.casttarget, null) as target,
       n.nspname as function_schema,
       p.proname as function_name
from pg_cast c
join pg_type s on s.oid = c.castsource
join pg_type t on t.oid = c.casttarget
join pg_proc p on p.oid = c.castfunc
join pg_namespace n on n.oid = p.pronamespace
where c.castcontext = 'i'
  and c.castmethod = 'f'
  and ((s.typtype = 'd' and c.casttarget in ('json'::regtype, 'text'::regtype))
    or (t.typtype = 'd' and c.castsource in ('json'::regtype, 'text'::regtype)))
