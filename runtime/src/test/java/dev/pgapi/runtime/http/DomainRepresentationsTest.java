package dev.pgapi.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgapi.runtime.schema.ColumnInfo;
import dev.pgapi.runtime.schema.FunctionInfo;
import dev.pgapi.runtime.schema.ParamInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import dev.pgapi.runtime.schema.RelationshipInfo;
import dev.pgapi.runtime.schema.ValueKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgREST's domain representations, on the example of its documentation: a uuid domain shown and accepted in
 * base64 through implicit casts {@code (app_uuid AS json)}, {@code (text AS app_uuid)} and {@code (json AS app_uuid)}.
 * The descriptors are what the generator writes for the schema below.
 */
class DomainRepresentationsTest {

    /** {@code 846c4ffd-92ce-4de7-8d11-8e29929f4ec4} in base64, URL-encoded. */
    private static final String JOHN = "hGxP%2FZLOTeeNEY4pkp9OxA%3D%3D";
    /** {@code cc7ec76c-5254-4dfc-bf19-9a70ba2ae9b9} in base64, URL-encoded. */
    private static final String JANE = "zH7HbFJUTfy%2FGZpwuirpuQ%3D%3D";

    private static final RelationInfo PROFILES = RelationInfo.relation(
                    "api",
                    "profiles",
                    ColumnInfo.column("id", "api.app_uuid", ValueKind.UUID)
                            .notNull()
                            .toJsonWith("public", "json")
                            .fromTextWith("public", "app_uuid")
                            .fromJsonWith("public", "app_uuid"),
                    ColumnInfo.column("name", "text", ValueKind.TEXT))
            .withPrimaryKey("id")
            .allowsInsert()
            .allowsUpdate()
            .allowsDelete()
            .withRelationships(RelationshipInfo.oneToMany("visits_profile_id_fkey")
                    .from("id")
                    .to("api", "visits", "profile_id"));
    private static final RelationInfo VISITS = RelationInfo.relation(
                    "api",
                    "visits",
                    ColumnInfo.column("id", "integer", ValueKind.INTEGER).notNull(),
                    ColumnInfo.column("profile_id", "api.app_uuid", ValueKind.UUID)
                            .toJsonWith("public", "json")
                            .fromTextWith("public", "app_uuid")
                            .fromJsonWith("public", "app_uuid"))
            .withPrimaryKey("id")
            .withRelationships(RelationshipInfo.manyToOne("visits_profile_id_fkey")
                    .from("profile_id")
                    .to("api", "profiles", "id"));
    private static final List<FunctionInfo> NAMED = List.of(FunctionInfo.function("api", "named")
            .withParams(ParamInfo.param("pattern", "text", ValueKind.TEXT))
            .returning(FunctionInfo.ReturnShape.SETOF_COMPOSITE, "api.profiles")
            .stable()
            .withColumns(
                    ColumnInfo.column("id", "api.app_uuid", ValueKind.UUID),
                    ColumnInfo.column("name", "text", ValueKind.TEXT))
            .rowsOf("profiles"));

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static AnonApi.Service service;

    @BeforeAll
    static void start() throws Exception {
        service = AnonApi.Service.start(AnonApi.ROLES_AND_SCHEMA + """
                    create domain api.app_uuid as uuid;
                    create function public.json(api.app_uuid) returns json immutable language sql
                      as $$ select to_json(encode(uuid_send($1), 'base64')) $$;
                    create cast (api.app_uuid as json) with function public.json(api.app_uuid) as implicit;
                    create function public.app_uuid(text) returns api.app_uuid immutable language sql
                      as $$ select substring(decode($1, 'base64')::text from 3)::uuid $$;
                    create cast (text as api.app_uuid) with function public.app_uuid(text) as implicit;
                    create function public.app_uuid(json) returns api.app_uuid immutable language sql
                      as $$ select public.app_uuid($1 #>> '{}') $$;
                    create cast (json as api.app_uuid) with function public.app_uuid(json) as implicit;
                    create table api.profiles (id api.app_uuid primary key, name text);
                    create table api.visits (id int primary key, profile_id api.app_uuid references api.profiles);
                    create function api.named(pattern text) returns setof api.profiles stable language sql
                      as $$ select * from api.profiles where name like pattern $$;
                    grant select, insert, update, delete on api.profiles to anon;
                    grant select on api.visits to anon;
                    """, List.of(PROFILES, VISITS), List.of(NAMED));
    }

    @BeforeEach
    void johnAndOneVisit() throws Exception {
        try (Connection c = service.superuser()) {
            c.createStatement().execute("""
                    truncate api.visits, api.profiles;
                    insert into api.profiles values ('846c4ffd-92ce-4de7-8d11-8e29929f4ec4', 'John Doe');
                    insert into api.visits values (1, '846c4ffd-92ce-4de7-8d11-8e29929f4ec4');
                    """);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    @Test
    void aReadShowsTheDomainThroughItsCastToJson() throws Exception {
        HttpResponse<String> res = send("GET", "/profiles", null);

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("[{\"id\":\"hGxP/ZLOTeeNEY4pkp9OxA==\",\"name\":\"John Doe\"}]");
    }

    @Test
    void selectedCastAndEmbeddedColumnsGoThroughTheCastToo() throws Exception {
        HttpResponse<String> res = send("GET", "/profiles?select=name,key:id::text,visits(profile_id)", null);

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body())
                .isEqualTo("[{\"name\":\"John Doe\",\"key\":\"\\\"hGxP/ZLOTeeNEY4pkp9OxA==\\\"\","
                        + "\"visits\":[{\"profile_id\": \"hGxP/ZLOTeeNEY4pkp9OxA==\"}]}]");
    }

    @Test
    void filterValuesAreParsedByTheCastFromText() throws Exception {
        assertThat(send("GET", "/profiles?select=name&id=eq." + JOHN, null).body())
                .isEqualTo("[{\"name\":\"John Doe\"}]");
        assertThat(send("GET", "/profiles?select=name&id=in.(" + JANE + "," + JOHN + ")", null)
                        .body())
                .isEqualTo("[{\"name\":\"John Doe\"}]");
        assertThat(send("GET", "/visits?select=id&profile_id=neq." + JOHN, null).body())
                .isEqualTo("[]");
        assertThat(send("GET", "/visits?select=id,profiles(name)&profiles.id=eq." + JANE, null)
                        .body())
                .isEqualTo("[{\"id\":1,\"profiles\":null}]");
    }

    @Test
    void bodyValuesAreParsedByTheCastFromJson() throws Exception {
        HttpResponse<String> res =
                send("POST", "/profiles", "{\"id\":\"zH7HbFJUTfy/GZpwuirpuQ==\",\"name\":\"Jane Doe\"}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        assertThat(res.body()).isEqualTo("[{\"id\":\"zH7HbFJUTfy/GZpwuirpuQ==\",\"name\":\"Jane Doe\"}]");
        assertThat(stored("Jane Doe")).isEqualTo("cc7ec76c-5254-4dfc-bf19-9a70ba2ae9b9");
    }

    @Test
    void updatesUpsertsAndPutParseBothTheFiltersAndTheBody() throws Exception {
        HttpResponse<String> patch = send("PATCH", "/profiles?id=eq." + JOHN, "{\"name\":\"Johnny\"}");
        assertThat(patch.body()).isEqualTo("[{\"id\":\"hGxP/ZLOTeeNEY4pkp9OxA==\",\"name\":\"Johnny\"}]");

        HttpResponse<String> upsert = send(
                "POST",
                "/profiles",
                "[{\"id\":\"hGxP/ZLOTeeNEY4pkp9OxA==\",\"name\":\"John\"},"
                        + "{\"id\":\"zH7HbFJUTfy/GZpwuirpuQ==\",\"name\":\"Jane\"}]",
                "Prefer",
                "return=representation, resolution=merge-duplicates");
        assertThat(upsert.statusCode()).as(upsert.body()).isEqualTo(201);
        assertThat(upsert.body())
                .isEqualTo("[{\"id\":\"hGxP/ZLOTeeNEY4pkp9OxA==\",\"name\":\"John\"}, \n"
                        + " {\"id\":\"zH7HbFJUTfy/GZpwuirpuQ==\",\"name\":\"Jane\"}]");

        HttpResponse<String> put =
                send("PUT", "/profiles?id=eq." + JANE, "{\"id\":\"zH7HbFJUTfy/GZpwuirpuQ==\",\"name\":\"Jane D.\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(stored("Jane D.")).isEqualTo("cc7ec76c-5254-4dfc-bf19-9a70ba2ae9b9");

        HttpResponse<String> delete = send("DELETE", "/profiles?id=eq." + JANE, null);
        assertThat(delete.body()).isEqualTo("[{\"id\":\"zH7HbFJUTfy/GZpwuirpuQ==\",\"name\":\"Jane D.\"}]");
    }

    @Test
    void aFunctionReturningTheTablesRowsIsReadLikeTheTable() throws Exception {
        HttpResponse<String> res = send("GET", "/rpc/named?pattern=J%25&id=eq." + JOHN, null);

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("[{\"id\":\"hGxP/ZLOTeeNEY4pkp9OxA==\",\"name\":\"John Doe\"}]");
    }

    @Test
    void aValueTheCastFromTextRejectsIsPostgresqlsError() throws Exception {
        HttpResponse<String> res = send("GET", "/profiles?id=eq.not-base64!", null);

        assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
        assertThat(res.body()).contains("\"code\":\"22023\"");
    }

    private static String stored(String name) throws Exception {
        try (Connection c = service.superuser();
                ResultSet r = c.createStatement()
                        .executeQuery("select id::text from api.profiles where name = '" + name + "'")) {
            return r.next() ? r.getString(1) : null;
        }
    }

    private static HttpResponse<String> send(String method, String path, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Prefer", "return=representation");
        if (headers.length > 0) {
            request.setHeader(headers[0], headers[1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
