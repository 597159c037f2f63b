create schema test;
create schema other;

create table test.clients (id int primary key, name text);
create table test.projects (id int primary key, name text,
  client_id int constraint client references test.clients (id));
create table test.tasks (id int primary key, project_id int references test.projects (id));
create table test.users (id int primary key);
create table test.users_tasks (user_id int references test.users (id), task_id int references test.tasks (id),
  primary key (user_id, task_id));
-- two keys, but not part of a key of the table: not a junction
create table test.assignments (id int primary key, user_id int references test.users (id),
  task_id int references test.tasks (id));
create table test.family (id int primary key, parent_id int references test.family (id));
create table test.client_profiles (client_id int primary key references test.clients (id), bio text);
create view test.projects_view as select id as project_id, name, client_id as owner from test.projects;
create table other.notes (id int primary key, client_id int references test.clients (id));
