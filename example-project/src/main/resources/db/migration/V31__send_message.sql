-- Sending a chat message as the calling user. The RLS policy of api.chat (V5) checks the sender: forging another
-- sender fails with 42501 "new row violates row-level security policy for table "chat"" (HTTP 403).
--   POST /rpc/send_message {"recipient":"bob","subject":"Hi","body":"Lunch?"}
-- SECURITY INVOKER (the default): the insert runs as the caller, so the policy sees the caller as current_user.
create function api.send_message(recipient name, subject text, body text, sender name default current_user)
  returns api.chat
  language sql volatile
as $$
  insert into api.chat (message_from, message_to, message_subject, message_body)
  values (sender, recipient, subject, body)
  returning *;
$$;
comment on function api.send_message(name, text, text, name) is 'Sends a chat message as the calling user.';

grant execute on function api.send_message(name, text, text, name) to webuser;
