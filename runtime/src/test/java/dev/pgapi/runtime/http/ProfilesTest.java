package dev.pgapi.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgapi.runtime.PgapiServer;
import dev.pgapi.runtime.config.RuntimeConfig;
import dev.pgapi.runtime.schema.ColumnInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import dev.pgapi.runtime.schema.ValueKind;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code db-schemas=v1,v2}: schema selection with {@code Accept-Profile}, PGRST106 and {@code Content-Profile} on
 * responses, with a table of the same name in both schemas and one only in v2. The routing mirrors what the
 * generator emits: one handler per relation that answers only for its own schema.
 */
class ProfilesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EmbeddedPostgres postgres;
    private static PgapiServer server;

    private static final List<ColumnInfo> PARENT_COLUMNS = List.of(
            new ColumnInfo("id", "integer", ValueKind.INTEGER, false, false),
            new ColumnInfo("name", "text", ValueKind.TEXT, true, false));
    private static final RelationInfo V1_PARENTS =
            new RelationInfo("v1", "parents", PARENT_COLUMNS, List.of("id"), true, true, true);
    private static final RelationInfo V2_PARENTS =
            new RelationInfo("v2", "parents", PARENT_COLUMNS, List.of("id"), true, true, true);
    private static final RelationInfo V2_ANOTHER =
            new RelationInfo("v2", "another_table", PARENT_COLUMNS, List.of("id"), true, true, true);

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                var st = c.createStatement()) {
            st.execute("""
                    create role authenticator login password 'secret' noinherit;
                    create role anon nologin;
                    grant anon to authenticator;
                    create schema v1; create schema v2;
                    create table v1.parents (id int primary key, name text);
                    create table v2.parents (id int primary key, name text);
                    create table v2.another_table (id int primary key, name text);
                    insert into v1.parents values (1, 'one in v1');
                    insert into v2.parents values (1, 'one in v2'), (2, 'two in v2');
                    insert into v2.another_table values (7, 'only in v2');
                    grant usage on schema v1, v2 to anon;
                    grant select on all tables in schema v1 to anon;
                    grant select on all tables in schema v2 to anon;
                    """);
        }
        var env = Map.of(
                "PGRST_DB_URI", "postgres://authenticator:secret@localhost:" + postgres.getPort() + "/postgres",
                "PGRST_DB_SCHEMAS", "v1,v2",
                "PGRST_DB_ANON_ROLE", "anon",
                "PGRST_SERVER_PORT", "0");
        server = PgapiServer.start(RuntimeConfig.load(null, env), ProfilesTest::routing);
    }

    private static HttpFeature routing(ApiRuntime api) {
        return new HttpFeature() {
            @Override
            public void setup(HttpRouting.Builder routing) {
                List<RelationInfo> relations = List.of(V1_PARENTS, V2_PARENTS, V2_ANOTHER);
                ApiEndpoints endpoints = api.endpoints(relations, List.of());
                routing.addFilter(api.filter());
                // a relation's handlers pass requests for another schema on to the next route of the same path
                for (RelationInfo r : relations) {
                    routing.get("/" + r.name(), endpoints.handlers(r).read());
                }
                endpoints.fallbacks(routing);
            }
        };
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        postgres.close();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void firstSchemaIsTheDefaultAndIsAnnounced() throws Exception {
        var res = get("/parents?select=name");
        assertThat(res.body()).isEqualTo("[{\"name\":\"one in v1\"}]");
        assertThat(res.headers().firstValue("Content-Profile")).hasValue("v1");
    }

    @Test
    void acceptProfileSelectsTheSchema() throws Exception {
        var res = get("/parents?select=name&order=id", "Accept-Profile", "v2");
        assertThat(res.body()).isEqualTo("[{\"name\":\"one in v2\"}, \n {\"name\":\"two in v2\"}]");
        assertThat(res.headers().firstValue("Content-Profile")).hasValue("v2");
    }

    @Test
    void tableOnlyInAnotherSchemaIsNotFound() throws Exception {
        var res = get("/another_table", "Accept-Profile", "v1");
        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(res.body()).contains("\"code\":\"PGRST205\"", "'v1.another_table'");
        assertThat(res.headers().firstValue("Content-Profile")).isEmpty();
        assertThat(get("/another_table", "Accept-Profile", "v2").body())
                .isEqualTo("[{\"id\":7,\"name\":\"only in v2\"}]");
    }

    @Test
    void unknownProfileIsPgrst106() throws Exception {
        var res = get("/parents", "Accept-Profile", "unknown");
        assertThat(res.statusCode()).isEqualTo(406);
        assertThat(res.body())
                .isEqualTo(
                        "{\"code\":\"PGRST106\",\"details\":null,"
                                + "\"hint\":\"Only the following schemas are exposed: v1, v2\",\"message\":\"Invalid schema: unknown\"}");
    }
}
