-- Golden case "media_handlers": domains named after media types, aggregates over a relation's row type (or
-- anyelement) returning them and functions returning them, which PostgREST serves for a matching Accept; and
-- lookalikes that it does not.
create schema api;

create table api.lines (
  id   integer primary key,
  name text not null
);

create domain "text/html" as text;
create domain "application/vnd.twkb" as bytea;
create domain "text/csv" as text;
create domain "text/plain" as text;
-- a domain over a domain over bytea is stored as bytea
create domain api."image/png" as "application/vnd.twkb";
-- PostgREST's own vendor types are not handled by domains
create domain "application/vnd.pgrst.object+json" as json;
-- not a media type name
create domain api.email as text;

create function api.html_trans(state "text/html", next api.lines) returns "text/html"
  language sql immutable as $$ select state || '<li>' || next.name || '</li>' $$;
create function api.html_final(data "text/html") returns "text/html"
  language sql immutable as $$ select ('<ul>' || data || '</ul>')::"text/html" $$;
create aggregate api.html_agg(api.lines) (
  initcond = '', stype = "text/html", sfunc = api.html_trans, finalfunc = api.html_final
);

-- overrides the built-in text/csv for api.lines
create function api.csv_trans(state "text/csv", next api.lines) returns "text/csv"
  language sql immutable as $$ select state || next.id || ';' || next.name || E'\n' $$;
create aggregate api.semicolon_csv(api.lines) (initcond = '', stype = "text/csv", sfunc = api.csv_trans);

-- anyelement: a handler of every endpoint
create function api.plain_trans(state "text/plain", next anyelement) returns "text/plain"
  language sql immutable as $$ select state || next::text || E'\n' $$;
create aggregate api.plain_agg(anyelement) (initcond = '', stype = "text/plain", sfunc = api.plain_trans);

-- returns a domain: answers its media type on RPC
create function api.line_png(id integer) returns api."image/png"
  language sql stable as $$ select convert_to(name, 'UTF8')::api."image/png" from api.lines where id = line_png.id $$;
create function api.line_html(id integer) returns "text/html"
  language sql stable as $$ select ('<b>' || name || '</b>')::"text/html" from api.lines where id = line_html.id $$;
-- rows of api.lines: the table's handlers apply
create function api.all_lines() returns setof api.lines
  language sql stable as $$ select * from api.lines $$;

-- lookalikes: a set of a media type, a vendor type, a domain that is no media type, an aggregate of two arguments
create function api.html_lines() returns setof "text/html"
  language sql stable as $$ select name::"text/html" from api.lines $$;
create function api.as_object() returns "application/vnd.pgrst.object+json"
  language sql stable as $$ select '{}'::json::"application/vnd.pgrst.object+json" $$;
create function api.email_trans(state api.email, next api.lines) returns api.email
  language sql immutable as $$ select (state || next.name)::api.email $$;
create aggregate api.email_agg(api.lines) (initcond = '', stype = api.email, sfunc = api.email_trans);
create function api.html2_trans(state "text/html", next api.lines, sep text) returns "text/html"
  language sql immutable as $$ select (state || sep || next.name)::"text/html" $$;
create aggregate api.html2_agg(api.lines, text) (initcond = '', stype = "text/html", sfunc = api.html2_trans);
