-- Computed relationships: functions from a row of one relation to rows of another, embedded by the function's name;
-- to-one when they return one row or are declared ROWS 1.
create table api.pets (
  id       integer primary key,
  owner_id integer references api.people,
  name     text not null
);

-- same schema and name as the target: replaces the foreign key relationship people -> pets
create function api.pets(api.people) returns setof api.pets
  language sql stable as $$ select * from api.pets where owner_id = $1.id order by name $$;
create function api.oldest_pet(api.people) returns api.pets
  language sql stable as $$ select * from api.pets where owner_id = $1.id order by id limit 1 $$;
create function api.owner(api.pets) returns setof api.people rows 1
  language sql stable as $$ select * from api.people where id = $1.owner_id $$;
