package dev.pgapi.generator.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Error paths of the catalog sources and the snapshot format; only the failing-migration test starts PostgreSQL. */
class CatalogSourceTest {

    @TempDir
    Path dir;

    static Catalog sample() {
        TypeRef text = new TypeRef("text", "pg_catalog", "text", TypeCategory.STRING, 0, null);
        Relation notes = new Relation(
                "notes",
                RelationKind.TABLE,
                "Ünïcode comment ✓",
                List.of(new Column("body", 1, text, true, null, null, false, null, null, null, List.of())),
                List.of(),
                List.of(),
                List.of(),
                true,
                true,
                true,
                false,
                false,
                List.of(),
                List.of(new Grant("anon", "SELECT")),
                false);
        return new Catalog(
                Catalog.FORMAT_VERSION,
                18,
                List.of(
                        new Schema("api", null, List.of("anon"), List.of(notes), List.of(), List.of()),
                        new Schema("other", null, List.of(), List.of(), List.of(), List.of())),
                List.of(new Role("anon", false, true, false, List.of(), List.of())),
                List.of(new DomainCast("api.app_uuid", "json", "api", "json")));
    }

    @Test
    void missingMigrationsFolderIsReportedAsGiven() {
        assertThatThrownBy(() -> MigrationsDatabase.start(Path.of("no/such/migrations")))
                .isInstanceOf(CatalogException.class)
                .hasMessage("migrations folder not found: " + Path.of("no/such/migrations"));
    }

    @Test
    void failingMigrationIsReportedWithItsFileAndPostgresMessage() throws Exception {
        Files.writeString(dir.resolve("V1__ok.sql"), "create table ok (id int);\n");
        Files.writeString(dir.resolve("V2__broken.sql"), "select * from missing_table;\n");
        assertThatThrownBy(() -> CatalogSource.fromMigrations(dir, List.of("public")))
                .isInstanceOf(CatalogException.class)
                .hasMessage("migration V2__broken.sql failed: ERROR: relation \"missing_table\" does not exist");
    }

    @Test
    void unreachableDatabaseIsReportedWithoutPassword() {
        String url = "jdbc:postgresql://127.0.0.1:1/db?password=secret&connectTimeout=2";
        assertThatThrownBy(() -> CatalogSource.fromJdbc(url, "me", "secret2", List.of("api")))
                .isInstanceOf(CatalogException.class)
                .hasMessageStartingWith("cannot connect to jdbc:postgresql://127.0.0.1:1/db?connectTimeout=2: ")
                .hasMessageNotContaining("secret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void passwordsAreRemovedFromUrls() {
        assertThat(CatalogSource.withoutPassword("jdbc:postgresql://h/db?user=u&password=p&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&ssl=true");
        assertThat(CatalogSource.withoutPassword("jdbc:postgresql://h/db?password=p"))
                .isEqualTo("jdbc:postgresql://h/db");
        assertThat(CatalogSource.withoutPassword("jdbc:postgresql://h/db")).isEqualTo("jdbc:postgresql://h/db");
    }

    @Test
    void snapshotKeepsTheRequestedSchemasOnly() throws Exception {
        Path file = dir.resolve("catalog.json");
        CatalogSnapshot.write(sample(), file);
        Catalog catalog = CatalogSource.fromSnapshot(file, List.of("api"));
        assertThat(catalog.schemas()).extracting(Schema::name).containsExactly("api");
        assertThat(catalog.roles()).isEqualTo(sample().roles());
    }

    @Test
    void snapshotMustContainEveryRequestedSchema() throws Exception {
        Path file = dir.resolve("catalog.json");
        CatalogSnapshot.write(sample(), file);
        assertThatThrownBy(() -> CatalogSource.fromSnapshot(file, List.of("api", "v2")))
                .isInstanceOf(CatalogException.class)
                .hasMessage("schema \"v2\" does not exist");
    }

    @Test
    void snapshotIsSortedIndentedWithUnixLineEndsAndATrailingNewline() throws Exception {
        String json = CatalogSnapshot.write(sample());
        assertThat(json)
                .startsWith("{\n  \"domainCasts\": [\n    {\n")
                .contains("\n  \"formatVersion\": 3,\n  \"roles\": [\n    {\n")
                .endsWith("}\n")
                .doesNotContain("\r")
                .contains("\"memberOf\": [],")
                .contains("\"comment\": null,")
                .contains("Ünïcode comment ✓");
        Path file = dir.resolve("catalog.json");
        CatalogSnapshot.write(sample(), file);
        assertThat(Files.readString(file)).isEqualTo(json);
        assertThat(CatalogSnapshot.read(file)).isEqualTo(sample());
    }

    @Test
    void unknownFormatVersionIsRejected() {
        String json = CatalogSnapshot.write(sample()).replace("\"formatVersion\": 3", "\"formatVersion\": 99");
        assertThatThrownBy(() -> CatalogSnapshot.read(json))
                .isInstanceOf(CatalogException.class)
                .hasMessage("unsupported catalog snapshot format version 99 (this pgapi reads version 3)");
    }

    @Test
    void unknownPropertiesAndMissingFilesAreRejected() {
        String json = CatalogSnapshot.write(sample()).replace("\"serverMajor\"", "\"extra\": 1, \"serverMajor\"");
        assertThatThrownBy(() -> CatalogSnapshot.read(json))
                .isInstanceOf(CatalogException.class)
                .hasMessage("invalid catalog snapshot: unknown property $.extra");
        assertThatThrownBy(() -> CatalogSnapshot.read(dir.resolve("none.json")))
                .isInstanceOf(CatalogException.class)
                .hasMessage("catalog snapshot not found: " + dir.resolve("none.json"));
    }
}
