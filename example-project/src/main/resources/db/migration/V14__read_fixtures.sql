-- Fixtures for the read API: a table with many column types (json, arrays, full-text, ranges, nullable values),
-- a one-to-one pair, and two foreign keys to the same table (an ambiguous embed). All readable by anyone.

-- One row per kind of value the filters must handle; row 4 is mostly nulls.
create table api.specimens (
  id       integer primary key,
  name     text,
  data     jsonb,
  tags     text[],
  doc      tsvector,
  body     text,
  period   int4range,
  score    numeric,
  flag     boolean,
  uid      uuid,
  small    smallint,
  big      bigint
);
comment on table api.specimens is 'Test fixture: one column of each kind of value.';

insert into api.specimens values
  (1, 'alpha', '{"color": "red", "size": {"w": 3}, "list": [1, 2]}', '{a,b}', to_tsvector('english', 'the quick brown fox'),
   'The quick brown fox jumps', '[1,5)', 1.5, true, '00000000-0000-4000-8000-0000000000a1', 1, 10000000000),
  (2, 'beta', '{"color": "blue", "size": {"w": 7}, "list": [3]}', '{b,c}', to_tsvector('english', 'lazy dogs sleep'),
   'Lazy dogs sleep all day', '[5,10)', 2.25, false, '00000000-0000-4000-8000-0000000000b2', 2, 20),
  (3, 'Gamma, "quoted"', '{"color": "red"}', '{c}', to_tsvector('english', 'a fox and a dog'),
   'A fox and a dog', '[20,30)', -3, true, null, 3, 30),
  (4, null, null, null, null, null, null, null, null, null, null, null);

-- One-to-one: a profile belongs to exactly one author (its key is the foreign key).
create table api.author_profiles (
  author_id integer primary key references api.authors (id),
  bio       text not null
);
comment on table api.author_profiles is 'Test fixture: one-to-one with authors.';

insert into api.author_profiles values
  (1, 'Wrote Earthsea.'),
  (2, 'Wrote Discworld.');

-- Two foreign keys to readers: embedding readers from reviews is ambiguous (PGRST201) without a hint.
create table api.reviews (
  id          integer primary key,
  book_id     integer not null references api.books (id),
  reviewer_id integer not null constraint reviews_reviewer_fkey references api.readers (id),
  editor_id   integer constraint reviews_editor_fkey references api.readers (id),
  stars       integer not null
);
comment on table api.reviews is 'Test fixture: two relationships to readers.';

insert into api.reviews values
  (1, 1, 1, 2, 5),
  (2, 1, 2, null, 4),
  (3, 3, 3, 1, 3);

grant select on api.specimens, api.author_profiles, api.reviews to anon, webuser;
