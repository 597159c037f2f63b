package dev.pgapi.generator.vet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgapi.generator.catalog.Catalog;
import dev.pgapi.generator.catalog.CatalogSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VetTest {

    @TempDir
    static Path dir;

    static Catalog catalog;

    @BeforeAll
    static void readCatalog() throws IOException {
        Files.writeString(dir.resolve("V1__schema.sql"), """
                create role vet_anon nologin;
                create role vet_user nologin;
                create role vet_alice nologin inherit;
                grant vet_user to vet_alice;
                create schema api;
                grant usage on schema api to vet_anon, vet_user;
                create table api.guestbook (id int primary key, line text);
                grant select, insert on api.guestbook to vet_anon;
                create table api.notes (id int primary key, owner text, body text);
                alter table api.notes enable row level security;
                grant select, insert, update on api.notes to vet_user;
                create table api.tags (id int primary key, name text);
                grant select on api.tags to vet_anon;
                grant select, update on api.tags to vet_user;
                create view api.all_notes as select id, body from api.notes;
                grant select on api.all_notes to vet_user;
                create view api.safe_notes with (security_invoker = true) as select id, body from api.notes;
                create function api.risky() returns int language sql security definer as $$ select 1 $$;
                create function api.careful() returns int language sql security definer set search_path = ''
                  as $$ select 1 $$;
                revoke execute on function api.risky() from public;
                grant execute on function api.careful() to vet_user;
                -- settings read by a name the caller passes
                create function api.get_setting(name text) returns text language sql stable
                  as $$ select current_setting(name, true) $$;
                revoke execute on function api.get_setting(text) from public;
                grant execute on function api.get_setting(text) to vet_anon;
                create function api.positional(text) returns text language sql
                  as $$ select pg_catalog.current_setting ( $1 ) $$;
                create function api.app_setting(key text, missing_ok boolean) returns text language plpgsql as $$
                begin
                  return current_setting('app.settings.' || lower(key), missing_ok);
                end;
                $$;
                create function api.atomic_setting(n text) returns text language sql
                  begin atomic select current_setting(n); end;
                create function api.own_settings(name text) returns text language sql
                  as $$ select current_setting(name, true) $$;
                revoke execute on function api.own_settings(text) from public;
                grant execute on function api.own_settings(text) to vet_user;
                create function api.fixed_setting(name text) returns text language plpgsql as $body$
                begin
                  -- not current_setting(name): a comment
                  /* nor current_setting(name) /* nested */ current_setting(name) */
                  perform 'current_setting(name)', $q$current_setting(name)$q$, E'it\\'s current_setting(name)';
                  return current_setting('request.jwt.claims', true)::json ->> name;
                end;
                $body$;
                grant execute on function api.fixed_setting(text) to vet_anon;
                """);
        catalog = CatalogSource.fromMigrations(dir, List.of("api"));
    }

    @Test
    void flagsWhatDeservesASecondLook() {
        assertThat(Vet.check(catalog, List.of("api"), "vet_anon"))
                .extracting(f -> f.rule() + " " + f.object())
                .containsExactly(
                        "anon-setting-by-name api.app_setting",
                        "anon-setting-by-name api.atomic_setting",
                        "anon-setting-by-name api.get_setting",
                        "anon-setting-by-name api.positional",
                        "anon-write api.guestbook",
                        "definer-search-path api.risky",
                        "view-bypasses-rls api.all_notes",
                        "write-without-rls api.tags");
    }

    @Test
    void settingReadByNameNamesTheArgumentAndTheFix() {
        var findings = Vet.check(catalog, List.of("api"), "vet_anon").stream()
                .filter(f -> f.rule().equals("anon-setting-by-name"))
                .toList();
        assertThat(findings)
                .extracting(Finding::message)
                .allSatisfy(m -> assertThat(m)
                        .contains("app.settings.* secrets")
                        .endsWith("revoke EXECUTE from vet_anon and PUBLIC"));
        assertThat(findings.get(0).message()).contains("from argument key:");
        assertThat(findings.get(2).message()).contains("from argument name:");
        assertThat(findings.get(3).message()).contains("from argument $1:");
        // without an anonymous role, PUBLIC's EXECUTE still counts
        assertThat(Vet.check(catalog, List.of("api"), null))
                .extracting(f -> f.rule() + " " + f.object())
                .contains("anon-setting-by-name api.positional")
                .doesNotContain("anon-setting-by-name api.get_setting");
    }

    @Test
    void functionBodiesAreInTheCatalog() {
        var fixed = catalog.schema("api").orElseThrow().functions().stream()
                .filter(f -> f.name().equals("get_setting"))
                .findFirst()
                .orElseThrow();
        assertThat(fixed.source()).isEqualTo(" select current_setting(name, true) ");
        var atomic = catalog.schema("api").orElseThrow().functions().stream()
                .filter(f -> f.name().equals("atomic_setting"))
                .findFirst()
                .orElseThrow();
        assertThat(atomic.source()).contains("BEGIN ATOMIC").contains("current_setting(");
    }

    @Test
    void permissionReportFollowsInheritanceAndPublic() {
        String report = PermissionReport.render(catalog, List.of("api"));
        assertThat(report).contains("| endpoint | vet_alice | vet_anon | vet_user |");
        assertThat(report).contains("| `api.notes` | GET POST PATCH | — | GET POST PATCH |");
        assertThat(report).contains("| `api.guestbook` | — | GET POST | — |");
        assertThat(report).contains("| `api.rpc/careful()` | call | call | call |");
        assertThat(report).contains("| `api.rpc/risky()` | — | — | — |");
    }
}
