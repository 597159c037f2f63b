-- Golden case "many_to_many": junction tables with composite keys, a junction with extra columns, and two
-- junctions between the same pair of tables.
create schema api;

create table api.students (
  id   integer primary key,
  name text not null
);

create table api.courses (
  code  text primary key,
  title text not null
);

create table api.enrollments (
  student_id  integer references api.students (id),
  course_code text references api.courses (code),
  grade       char(1),
  primary key (student_id, course_code)
);

create table api.waitlist (
  student_id  integer references api.students (id),
  course_code text references api.courses (code),
  position    integer not null,
  primary key (student_id, course_code)
);

create table api.rooms (
  building text,
  number   integer,
  primary key (building, number)
);

create table api.course_rooms (
  course_code text references api.courses (code),
  building    text,
  number      integer,
  primary key (course_code, building, number),
  foreign key (building, number) references api.rooms (building, number)
);
