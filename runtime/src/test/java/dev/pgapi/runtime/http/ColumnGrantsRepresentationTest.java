package dev.pgapi.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgapi.runtime.schema.ColumnInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import dev.pgapi.runtime.schema.RelationshipInfo;
import dev.pgapi.runtime.schema.ValueKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A write's representation needs {@code SELECT} only on the columns it returns, as in PostgREST: {@code RETURNING}
 * lists what the select reads, the foreign keys its embeds join on and the primary key, so a column the role may not
 * read does not fail a write that does not ask for it.
 */
class ColumnGrantsRepresentationTest {

    private static final RelationInfo CLIENTS = RelationInfo.relation(
                    "api",
                    "clients",
                    ColumnInfo.column("id", "integer", ValueKind.INTEGER).notNull(),
                    ColumnInfo.column("name", "text", ValueKind.TEXT))
            .withPrimaryKey("id")
            .withRelationships(RelationshipInfo.oneToMany("projects_client_id_fkey")
                    .from("id")
                    .to("api", "projects", "client_id"));
    private static final RelationInfo PROJECTS = RelationInfo.relation(
                    "api",
                    "projects",
                    ColumnInfo.column("id", "integer", ValueKind.INTEGER).notNull(),
                    ColumnInfo.column("name", "text", ValueKind.TEXT),
                    ColumnInfo.column("client_id", "integer", ValueKind.INTEGER),
                    ColumnInfo.column("budget", "integer", ValueKind.INTEGER))
            .withPrimaryKey("id")
            .allowsInsert()
            .allowsUpdate()
            .allowsDelete()
            .withRelationships(RelationshipInfo.manyToOne("projects_client_id_fkey")
                    .from("client_id")
                    .to("api", "clients", "id"));

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static AnonApi.Service service;

    @BeforeAll
    static void start() throws Exception {
        service = AnonApi.Service.start(AnonApi.ROLES_AND_SCHEMA + """
                    create table api.clients (id int primary key, name text);
                    create table api.projects (id int primary key, name text, client_id int references api.clients,
                                               budget int);
                    insert into api.clients values (1, 'Acme');
                    insert into api.projects values (1, 'Rocket', 1, 1000000);
                    grant select on api.clients to anon;
                    -- anon writes projects but may not read their budget
                    grant insert, update, delete on api.projects to anon;
                    grant select (id, name, client_id) on api.projects to anon;
                    """, List.of(CLIENTS, PROJECTS), List.of());
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    @Test
    void anInsertReturnsTheSelectedColumnsWithoutSelectOnTheOthers() throws Exception {
        HttpResponse<String> res = send("POST", "/projects?select=name", "{\"id\":2,\"name\":\"Sled\",\"budget\":5}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        assertThat(res.body()).isEqualTo("[{\"name\":\"Sled\"}]");
    }

    @Test
    void anEmbedInTheRepresentationGetsItsForeignKeyReturned() throws Exception {
        HttpResponse<String> res =
                send("POST", "/projects?select=name,clients(name)", "{\"id\":3,\"name\":\"Kite\",\"client_id\":1}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        assertThat(res.body()).isEqualTo("[{\"name\":\"Kite\",\"clients\":{\"name\": \"Acme\"}}]");
    }

    @Test
    void anUpdateAndADeleteReturnOnlyWhatTheyAreAskedFor() throws Exception {
        send("POST", "/projects?select=id", "{\"id\":4,\"name\":\"Drill\",\"budget\":7}");

        HttpResponse<String> patched = send("PATCH", "/projects?id=eq.4&select=id,name", "{\"budget\":8}");
        HttpResponse<String> deleted = send("DELETE", "/projects?id=eq.4&select=name", null);

        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(patched.body()).isEqualTo("[{\"id\":4,\"name\":\"Drill\"}]");
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("[{\"name\":\"Drill\"}]");
    }

    @Test
    void aRepresentationOfEveryColumnStillNeedsSelectOnEveryColumn() throws Exception {
        HttpResponse<String> res = send("POST", "/projects", "{\"id\":5,\"name\":\"Boat\"}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(401);
        assertThat(res.body()).contains("\"code\":\"42501\"", "permission denied for table projects");
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + path))
                .header("Prefer", "return=representation")
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
