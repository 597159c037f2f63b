-- Seed data for demos and tests. Ids are given explicitly so tests can rely on them; the identity sequences are
-- moved past them at the end so that inserts without an id keep working.

-- Accounts for POST /rpc/login (passwords are hashed by the auth kit's trigger; EXAMPLE passwords).
--   alice@example.com / alice-password  -> role alice   (per-user role, member of webuser)
--   bob@example.com   / bob-password    -> role bob     (per-user role, member of webuser)
--   carol@example.com / carol-password  -> role webuser (shared role)
--   dave@example.com  / dave-password   -> role webuser, but banned: every request with his token fails (V7)
insert into basic_auth.users (email, pass, role) values
  ('alice@example.com', 'alice-password', 'alice'),
  ('bob@example.com',   'bob-password',   'bob'),
  ('carol@example.com', 'carol-password', 'webuser'),
  ('dave@example.com',  'dave-password',  'webuser');

insert into private.banned (email, reason) values
  ('dave@example.com', 'spam');

insert into private.secrets (id, secret) values
  (1, 'the launch codes');

insert into api.authors (id, name) values
  (1, 'Ursula K. Le Guin'),
  (2, 'Terry Pratchett'),
  (3, 'Octavia E. Butler');

insert into api.books (id, title, author_id, published, tags) values
  (1, 'A Wizard of Earthsea',   1, '1968-11-01', '{fantasy,classic}'),
  (2, 'The Left Hand of Darkness', 1, '1969-03-01', '{science-fiction,classic}'),
  (3, 'Guards! Guards!',        2, '1989-11-01', '{fantasy,humour}'),
  (4, 'Small Gods',             2, '1992-05-01', '{fantasy,humour}'),
  (5, 'Kindred',                3, '1979-06-01', '{science-fiction}'),
  (6, 'Beowulf',                null, null,      '{epic}');

insert into api.readers (id, name) values
  (1, 'Ann'),
  (2, 'Ben'),
  (3, 'Cid');

insert into api.book_readers (book_id, reader_id) values
  (1, 1), (1, 2),
  (3, 1), (3, 3),
  (5, 2);

-- message_from is given explicitly: the migration runs as the owner, not as alice or bob.
insert into api.chat (message_uuid, message_time, message_from, message_to, message_subject, message_body) values
  ('00000000-0000-4000-8000-000000000001', '2024-01-01 10:00', 'alice', 'bob',   'Hello',     'Hi Bob!'),
  ('00000000-0000-4000-8000-000000000002', '2024-01-01 10:05', 'bob',   'alice', 'Re: Hello', 'Hi Alice!'),
  ('00000000-0000-4000-8000-000000000003', '2024-01-01 11:00', 'alice', 'alice', 'Reminder',  'Buy milk'),
  ('00000000-0000-4000-8000-000000000004', '2024-01-02 09:00', 'bob',   'bob',   'Note',      'Private to bob');

insert into api.todos (id, owner_email, task, done) values
  (1, 'alice@example.com', 'Water the plants', false),
  (2, 'alice@example.com', 'File taxes',       true),
  (3, 'bob@example.com',   'Fix the bike',     false),
  (4, 'carol@example.com', 'Book flights',     false),
  (5, 'carol@example.com', 'Call mum',         true);

insert into api.notes (id, owner_email, body) values
  (1, 'alice@example.com', 'Alice''s note'),
  (2, 'carol@example.com', 'Carol''s first note'),
  (3, 'carol@example.com', 'Carol''s second note');

-- Explicit ids do not advance identity sequences: move them past the seeded rows.
select setval(pg_get_serial_sequence('api.authors', 'id'), (select max(id) from api.authors));
select setval(pg_get_serial_sequence('api.books', 'id'), (select max(id) from api.books));
select setval(pg_get_serial_sequence('api.readers', 'id'), (select max(id) from api.readers));
select setval(pg_get_serial_sequence('api.todos', 'id'), (select max(id) from api.todos));
select setval(pg_get_serial_sequence('api.notes', 'id'), (select max(id) from api.notes));
select setval(pg_get_serial_sequence('private.secrets', 'id'), (select max(id) from private.secrets));
