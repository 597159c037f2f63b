-- A computed field of projects (one argument of its row type, a scalar result), and a function of a projects row
-- returning a set, which is not one.
create function api.budget_label(api.projects) returns text
  language sql stable as $$ select $1.name || ': ' || coalesce($1.budget::text, 'open') $$;
create function api.siblings(api.projects) returns setof api.projects
  language sql stable as $$ select * from api.projects p where p.client_id = $1.client_id $$;
