-- Names of the given (relation oid, attnum) pairs. Parameters: int8[] of relation oids, int4[] of attnums.
select k.relation_oid,
       k.attnum,
       n.nspname as schema,
       c.relname as relation,
       a.attname as column_name
from unnest(?::int8[], ?::int4[]) k(relation_oid, attnum)
join pg_class c on c.oid = k.relation_oid::oid
join pg_namespace n on n.oid = c.relnamespace
join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
