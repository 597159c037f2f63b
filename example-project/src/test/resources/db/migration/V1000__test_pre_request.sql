-- Test only (src/test/resources: never part of the example's schema or generated code): a pre-request hook whose
-- behaviour a request picks with the X-Probe header, to test every way a pre-request function can answer.
-- PreRequestIT serves the API with db-pre-request = "hooks.probe_request".
create function hooks.probe_request() returns void
  language plpgsql stable
as $$
declare
  probe text := nullif(current_setting('request.headers', true), '')::json ->> 'x-probe';
begin
  perform hooks.check_user();
  case probe
    when 'pt401' then
      raise sqlstate 'PT401' using message = 'Unauthorized';
    when 'pt403' then
      raise sqlstate 'PT403' using message = 'Forbidden', detail = 'not today', hint = 'try tomorrow';
    when 'pgrst' then
      raise sqlstate 'PGRST' using
        message = '{"code":"123","message":"ABC","details":"DEF","hint":"XYZ"}',
        detail = '{"status":332,"status_text":"My Custom Status","headers":{"X-Header":"str"}}';
    when 'pgrst-bad' then
      raise sqlstate 'PGRST' using message = 'not json', detail = '{}';
    when '53000' then
      raise sqlstate '53000' using message = 'out of resources';
    when 'headers' then
      perform set_config('response.headers', '[{"Cache-Control":"no-cache"},{"X-Probe":"a"},{"X-Probe":"b"}]', true);
    when 'status' then
      perform set_config('response.status', '202', true);
    when 'bad-headers' then
      perform set_config('response.headers', '{"X-Probe":"a"}', true);
    when 'bad-status' then
      perform set_config('response.status', 'abc', true);
    else
      -- 'status:418' answers with that status
      if probe like 'status:%' then
        perform set_config('response.status', substr(probe, 8), true);
      end if;
  end case;
end;
$$;

grant execute on function hooks.probe_request() to anon, webuser;
