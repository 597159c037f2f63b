-- Golden case "views_on_views": views stacked on views keep their base tables' keys and relationships.
create schema api;

create table api.authors (
  id   integer primary key,
  name text not null
);

create table api.books (
  id        integer primary key,
  title     text not null,
  author_id integer not null references api.authors (id),
  year      integer
);

-- updatable: a plain projection of one table
create view api.recent_books as
  select id, title, author_id, year from api.books where year >= 2000;

-- a view on that view, still updatable and still pointing at authors
create view api.recent_titles as
  select id, title, author_id from api.recent_books;

-- a view on views that joins: read-only
create view api.recent_titles_by_author as
  select t.id, t.title, a.name as author from api.recent_titles t join api.authors a on a.id = t.author_id;

-- an aggregate view on a view: read-only, no key
create view api.author_counts as
  select author_id, count(*) as books from api.recent_books group by author_id;
