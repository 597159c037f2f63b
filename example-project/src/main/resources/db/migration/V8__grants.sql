-- Grants, in one place so the permission model reads as a table:
--
--   object                        anon        webuser (and alice, bob through membership)
--   schema api                    usage       usage
--   authors, books, readers,      select      select, insert, update, delete
--     book_readers
--   book_details (view)           select      select
--   chat                          -           select, insert               (RLS: chat_policy)
--   todos                         -           select, insert, update, delete (RLS: todos_owner)
--   notes                         -           select, insert, update       (RLS: notes_*)
--   add(), search_books()         execute     execute
--   login()                       execute     -                            (granted by the auth kit, V3)
--   me()                          -           execute
--   whoami()                      execute     execute
--   schema hooks, check_user()    usage, execute (the pre-request hook runs as the request's role)
--   schema private, basic_auth    -           -                            (owner only)
--
-- Identity columns need no sequence grants: their values are drawn without a privilege check on the sequence.
-- mallory gets nothing and is not granted to authenticator.

grant usage on schema api to anon, webuser;

grant select on api.authors, api.books, api.readers, api.book_readers, api.book_details to anon, webuser;
grant insert, update, delete on api.authors, api.books, api.readers, api.book_readers to webuser;

grant select, insert on api.chat to webuser;
grant select, insert, update, delete on api.todos to webuser;
grant select, insert, update on api.notes to webuser;

-- V2 turned off EXECUTE for PUBLIC on new functions; grant exactly what each role needs.
grant execute on function api.add(integer, integer) to anon, webuser;
grant execute on function api.search_books(text) to anon, webuser;
grant execute on function api.whoami() to anon, webuser;
grant execute on function api.me() to webuser;

grant usage on schema hooks to anon, webuser;
grant execute on function hooks.check_user() to anon, webuser;

-- Belt and braces: nothing on the internal schemas for anybody but their owner.
revoke all on schema private, basic_auth from public;
revoke all on all tables in schema private from public;
