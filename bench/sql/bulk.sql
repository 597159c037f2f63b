-- Bench-only data on top of the example project's migrations (run after them, as the owner).
-- 10,000 authors, 100,000 books (every author ~10 books, 1 in 50 without an author), 20,000 readers and
-- 300,000 book_readers (3 distinct readers per book). Deterministic, so runs are comparable.

insert into api.authors (id, name)
select i, 'Author ' || i from generate_series(4, 10000) as i;

insert into api.books (id, title, author_id, published, tags)
select i,
       'Book number ' || i,
       case when i % 50 = 0 then null else 1 + (i * 7919) % 10000 end,
       date '1900-01-01' + (i * 37) % 45000,
       array['tag' || (i % 17), 'tag' || (i % 5)]
  from generate_series(7, 100000) as i;

insert into api.readers (id, name)
select i, 'Reader ' || i from generate_series(4, 20000) as i;

-- the example's own five rows stay; k spreads each book's readers 6,661 ids apart, so the three are distinct
insert into api.book_readers (book_id, reader_id)
select b, 1 + (b * 31 + k * 6661) % 20000
  from generate_series(7, 100000) as b, generate_series(0, 2) as k;

select setval(pg_get_serial_sequence('api.authors', 'id'), (select max(id) from api.authors));
select setval(pg_get_serial_sequence('api.books', 'id'), (select max(id) from api.books));
select setval(pg_get_serial_sequence('api.readers', 'id'), (select max(id) from api.readers));

vacuum analyze;
