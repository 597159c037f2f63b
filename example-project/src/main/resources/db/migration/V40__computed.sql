-- A computed field: a function of one books row, selectable, filterable and orderable like a column of api.books
-- (but not part of select=*). PostgreSQL reads books.full_title as full_title(books).
--   GET /books?select=id,full_title&full_title=like.*Guin
-- The argument is unnamed, so the function is not also served at /rpc/full_title.
create function api.full_title(api.books) returns text
  language sql stable
as $$
  select $1.title || coalesce(' by ' || (select a.name from api.authors a where a.id = $1.author_id), '');
$$;
comment on function api.full_title(api.books) is 'Computed field of books: the title and the author.';

grant execute on function api.full_title(api.books) to anon, webuser;
