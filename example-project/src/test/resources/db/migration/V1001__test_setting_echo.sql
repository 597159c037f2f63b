-- Test only (src/test/resources: never part of the example's schema or generated code): a pre-request hook that
-- answers, in the X-Setting response header, the setting a request names in its X-Echo-Setting header, as that
-- request sees it. api.get_guc is not granted to anon (V30), so this is how the tests see what anonymous requests
-- see. Servers of the tests that use it run with db-pre-request = "hooks.echo_setting"; the example never does.
--   X-Setting:       the value, base64 of its UTF-8 bytes (a header cannot carry every text)
--   X-Setting-Null:  true, when current_setting(name, true) is NULL
create function hooks.echo_setting() returns void
  language plpgsql stable
as $$
declare
  _name text := nullif(current_setting('request.headers', true), '')::json ->> 'x-echo-setting';
  _value text;
begin
  perform hooks.check_user();
  if _name is not null then
    _value := current_setting(_name, true);
    perform set_config('response.headers', json_build_array(case
      when _value is null then json_build_object('X-Setting-Null', 'true')
      else json_build_object('X-Setting', translate(encode(convert_to(_value, 'UTF8'), 'base64'), E'\n', ''))
    end)::text, true);
  end if;
end;
$$;

grant execute on function hooks.echo_setting() to anon, webuser;
