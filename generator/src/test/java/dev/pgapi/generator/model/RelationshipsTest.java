package dev.pgapi.generator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgapi.generator.catalog.Catalog;
import dev.pgapi.generator.catalog.CatalogReader;
import dev.pgapi.generator.catalog.MigrationsDatabase;
import dev.pgapi.generator.catalog.RelationRef;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Relationship detection from a real catalog (PostgREST's rules for cardinality, junctions and views). */
class RelationshipsTest {

    static MigrationsDatabase db;
    static Map<RelationRef, List<Relationship>> rels;

    @BeforeAll
    static void start() throws Exception {
        db = MigrationsDatabase.start(
                Path.of(RelationshipsTest.class.getResource("relationships").toURI()));
        Catalog catalog;
        try (Connection c = db.dataSource().getConnection()) {
            catalog = CatalogReader.read(c, List.of("test", "other"));
        }
        rels = Relationships.of(catalog, List.of("test"));
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    /** {@code cardinality target constraint columns->targetColumns [junction]} for one origin. */
    static List<String> describe(String origin) {
        return rels.getOrDefault(new RelationRef("test", origin), List.of()).stream()
                .map(r -> r.cardinality() + " " + r.target().name() + " " + r.constraint() + " " + r.columns() + "->"
                        + r.targetColumns()
                        + (r.junction() == null
                                ? ""
                                : " via " + r.junction().table().name()))
                .toList();
    }

    @Test
    void foreignKeyGivesManyToOneAndOneToMany() {
        assertThat(describe("projects"))
                .contains(
                        "MANY_TO_ONE clients client [client_id]->[id]",
                        "ONE_TO_MANY tasks tasks_project_id_fkey [id]->[project_id]");
        assertThat(describe("clients")).contains("ONE_TO_MANY projects client [id]->[client_id]");
    }

    @Test
    void keyThatIsUniqueMakesOneToOneOnBothSides() {
        assertThat(describe("clients"))
                .contains("ONE_TO_ONE client_profiles client_profiles_client_id_fkey [id]->[client_id]");
        assertThat(describe("client_profiles"))
                .containsExactly("ONE_TO_ONE clients client_profiles_client_id_fkey [client_id]->[id]");
    }

    @Test
    void junctionWhoseKeysAreItsPrimaryKeyGivesManyToMany() {
        assertThat(describe("users"))
                .contains("MANY_TO_MANY tasks users_tasks_user_id_fkey [id]->[id] via users_tasks");
        assertThat(describe("tasks"))
                .contains("MANY_TO_MANY users users_tasks_task_id_fkey [id]->[id] via users_tasks");
        assertThat(describe("users")).noneMatch(d -> d.contains("via assignments"));
    }

    @Test
    void selfReferenceHasBothDirections() {
        assertThat(describe("family"))
                .containsExactly(
                        "MANY_TO_ONE family family_parent_id_fkey [parent_id]->[id]",
                        "ONE_TO_MANY family family_parent_id_fkey [id]->[parent_id]");
    }

    @Test
    void viewsStandForTheirBaseTablesWithTheirOwnColumnNames() {
        assertThat(describe("projects_view")).contains("MANY_TO_ONE clients client [owner]->[id]");
        assertThat(describe("clients")).contains("ONE_TO_MANY projects_view client [id]->[owner]");
        assertThat(describe("tasks"))
                .contains("MANY_TO_ONE projects_view tasks_project_id_fkey" + " [project_id]->[project_id]");
    }

    @Test
    void onlyRelationshipsWithinTheExposedSchema() {
        assertThat(rels.keySet()).noneMatch(r -> r.schema().equals("other"));
        assertThat(describe("clients")).noneMatch(d -> d.contains("notes"));
    }
}
