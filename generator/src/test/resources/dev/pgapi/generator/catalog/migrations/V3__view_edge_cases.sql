-- A view that is not auto-updatable but accepts inserts through an INSTEAD OF trigger.
create view api.shouting_authors as select distinct id, upper(name) as name from api.authors;
create function internal.insert_shouting_author() returns trigger language plpgsql as $$
begin
    insert into api.authors (name) values (lower(new.name));
    return new;
end $$;
create trigger shouting_authors_insert instead of insert on api.shouting_authors
    for each row execute function internal.insert_shouting_author();

-- Quoted names with spaces and parentheses, a CTE and a sub-select: only the top-level target list counts.
create view api."Odd View" as
    with recent as (select author_id, seq as "the seq" from api.books where seq > 0)
    select b.title as "Title (full)", r."the seq", (select count(*) from api.authors) as "author count"
    from recent r
    join api.books b on b.author_id = r.author_id and b.seq = r."the seq"
    where exists (select 1 from api.authors a where a.id = b.author_id);

-- A foreign table (file_fdw ships with PostgreSQL; the file is never read).
create extension file_fdw schema internal;
create server files foreign data wrapper file_fdw;
create foreign table api.imports (line text not null) server files options (filename 'imports.csv');

-- PostgreSQL 18 virtual generated column.
alter table api.authors add column name_length int generated always as (length(name)) virtual;

-- The same membership granted twice, by different grantors (PostgreSQL 16+ keeps both).
grant webuser to authenticator with admin option;
grant webuser to alice granted by authenticator;
