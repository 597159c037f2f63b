package dev.pgapi.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgapi.runtime.config.RuntimeConfig;
import dev.pgapi.runtime.schema.ColumnInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import dev.pgapi.runtime.schema.ValueKind;
import io.helidon.webserver.WebServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code Accept: application/geo+json}, PostgREST's built-in handler: a FeatureCollection of {@code ST_AsGeoJSON}
 * of every row, the function found through the search path. The embedded PostgreSQL has no PostGIS, so the schema
 * brings an {@code extensions.st_asgeojson} for one table type that builds a Feature as PostGIS's does; with real
 * PostGIS, postgrest-js's geojson test covers it (docs/testing.md). Without the function, PostgreSQL's error, as
 * from PostgREST on a database without PostGIS.
 */
class GeoJsonTest {

    private static final RelationInfo SHOPS = RelationInfo.relation(
                    "api",
                    "shops",
                    ColumnInfo.column("id", "integer", ValueKind.INTEGER).notNull(),
                    ColumnInfo.column("address", "text", ValueKind.TEXT),
                    ColumnInfo.column("location", "jsonb", ValueKind.JSON))
            .withPrimaryKey("id");
    private static final RelationInfo ITEMS = RelationInfo.relation(
                    "api",
                    "items",
                    ColumnInfo.column("id", "integer", ValueKind.INTEGER).notNull())
            .withPrimaryKey("id");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EmbeddedPostgres postgres;
    private static ApiRuntime api;
    private static WebServer server;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute(AnonApi.ROLES_AND_SCHEMA + """
                    create table api.shops (id int primary key, address text, location jsonb);
                    insert into api.shops values
                      (1, '1369 Cambridge St', '{"type": "Point", "coordinates": [-71.10044, 42.373695]}'),
                      (2, '2 Main St', '{"type": "Point", "coordinates": [1, 2]}');
                    grant select on api.shops to anon;
                    create schema extensions;
                    grant usage on schema extensions to anon;
                    -- PostGIS's ST_AsGeoJSON(record) for this one row type: the location as the geometry, the
                    -- other columns as properties
                    create function extensions.st_asgeojson(r api.shops) returns text language sql immutable as $$
                      select json_build_object('type', 'Feature', 'geometry', r.location,
                                               'properties', to_jsonb(r) - 'location')::text
                    $$;
                    """);
        }
        RuntimeConfig config = RuntimeConfig.load(
                null,
                Map.of(
                        "PGRST_DB_URI", "postgres://authenticator@localhost:" + postgres.getPort() + "/postgres",
                        "PGRST_DB_SCHEMAS", "api",
                        "PGRST_DB_ANON_ROLE", "anon",
                        "PGRST_DB_EXTRA_SEARCH_PATH", "extensions",
                        "PGRST_DB_POOL", "2"));
        api = ApiRuntime.create(config);
        server = AnonApi.serveReads(api, SHOPS);
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        api.close();
        postgres.close();
    }

    @Test
    void geoJsonAnswersAFeatureCollectionOfTheSelectedRows() throws Exception {
        HttpResponse<String> res = get("/shops?select=id,address,location&id=eq.1");

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("application/geo+json; charset=utf-8");
        assertThat(res.body())
                .isEqualTo("{\"type\" : \"FeatureCollection\", \"features\" : [{\"type\" : \"Feature\", "
                        + "\"geometry\" : {\"type\": \"Point\", \"coordinates\": [-71.10044, 42.373695]}, "
                        + "\"properties\" : {\"id\": 1, \"address\": \"1369 Cambridge St\"}}]}");
    }

    @Test
    void geoJsonOfNoRowsIsAnEmptyFeatureCollection() throws Exception {
        HttpResponse<String> res = get("/shops?id=eq.99");

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("{\"type\" : \"FeatureCollection\", \"features\" : []}");
    }

    @Test
    void geoJsonWithoutPostgisIsPostgresqlsUndefinedFunctionError() throws Exception {
        HttpResponse<String> res;
        sql("alter function extensions.st_asgeojson(api.shops) rename to st_asgeojson_away");
        try {
            res = get("/shops");
        } finally {
            sql("alter function extensions.st_asgeojson_away(api.shops) rename to st_asgeojson");
        }

        assertThat(res.statusCode()).as(res.body()).isEqualTo(404);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(res.body()).contains("\"code\":\"42883\"").contains("st_asgeojson(record) does not exist");
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute(statement);
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                        .header("Accept", "application/geo+json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
