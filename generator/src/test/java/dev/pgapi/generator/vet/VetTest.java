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
                """);
        catalog = CatalogSource.fromMigrations(dir, List.of("api"));
    }

    @Test
    void flagsWhatDeservesASecondLook() {
        assertThat(Vet.check(catalog, List.of("api"), "vet_anon"))
                .extracting(f -> f.rule() + " " + f.object())
                .containsExactly(
                        "anon-write api.guestbook",
                        "definer-search-path api.risky",
                        "view-bypasses-rls api.all_notes",
                        "write-without-rls api.tags");
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
