-- Per-user roles: the chat example from the guide (after Tomas Vondra). Each person has a database role (alice, bob),
-- so the policy can compare with current_user, the role the server switched into from the token's role claim.

create table api.chat (
  message_uuid    uuid        primary key default gen_random_uuid(),
  message_time    timestamp   not null default now(),
  message_from    name        not null default current_user,
  message_to      name        not null,
  message_subject varchar(64) not null,
  message_body    text
);
comment on table api.chat is 'Messages between users; each user sees only messages sent by or to them.';

alter table api.chat enable row level security;

-- See only messages sent by or to you; and you cannot forge message_from (a violating INSERT fails with 42501
-- "new row violates row-level security policy for table "chat"", HTTP 403).
create policy chat_policy on api.chat
  using ((message_to = current_user) or (message_from = current_user))
  with check (message_from = current_user);
