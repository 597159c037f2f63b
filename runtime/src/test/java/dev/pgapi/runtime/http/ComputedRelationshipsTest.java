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
 * PostgREST's computed relationships: a function taking a row of one relation and returning rows of another is
 * embedded by its name, to-many for {@code SETOF}, to-one for a single row or {@code ROWS 1}. The descriptors are
 * what the generator writes for the schema below.
 */
class ComputedRelationshipsTest {

    private static final RelationInfo DIRECTORS = RelationInfo.relation(
                    "api",
                    "directors",
                    ColumnInfo.column("id", "integer", ValueKind.INTEGER).notNull(),
                    ColumnInfo.column("name", "text", ValueKind.TEXT))
            .withPrimaryKey("id")
            .withRelationships(
                    RelationshipInfo.oneToMany("films_director_id_fkey")
                            .from("id")
                            .to("api", "films", "director_id"),
                    RelationshipInfo.computed("api", "premieres").toMany("api", "films"),
                    RelationshipInfo.computed("api", "latest_film").toOne("api", "films"));
    private static final RelationInfo FILMS = RelationInfo.relation(
                    "api",
                    "films",
                    ColumnInfo.column("id", "integer", ValueKind.INTEGER).notNull(),
                    ColumnInfo.column("director_id", "integer", ValueKind.INTEGER),
                    ColumnInfo.column("title", "text", ValueKind.TEXT),
                    ColumnInfo.column("year", "integer", ValueKind.INTEGER))
            .withPrimaryKey("id")
            .withRelationships(RelationshipInfo.computed("api", "director").toOne("api", "directors"));

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static AnonApi.Service service;

    @BeforeAll
    static void start() throws Exception {
        service = AnonApi.Service.start(AnonApi.ROLES_AND_SCHEMA + """
                    create table api.directors (id int primary key, name text);
                    create table api.films (id int primary key, director_id int references api.directors,
                                            title text, year int);
                    insert into api.directors values (1, 'Agnès Varda'), (2, 'Chantal Akerman');
                    insert into api.films values (1, 1, 'Cléo from 5 to 7', 1962), (2, 1, 'Vagabond', 1985),
                                                 (3, 1, 'The Gleaners and I', 2000), (4, 2, 'Jeanne Dielman', 1975);
                    -- the films a director made before 1990
                    create function api.premieres(api.directors) returns setof api.films stable language sql
                      as $$ select * from api.films where director_id = $1.id and year < 1990 $$;
                    create function api.latest_film(api.directors) returns api.films stable language sql
                      as $$ select * from api.films where director_id = $1.id order by year desc limit 1 $$;
                    create function api.director(api.films) returns setof api.directors rows 1 stable
                      language sql as $$ select * from api.directors where id = $1.director_id $$;
                    grant select on api.directors, api.films to anon;
                    """, List.of(DIRECTORS, FILMS), List.of());
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    @Test
    void aSetReturningFunctionEmbedsAsAnArrayOfItsRows() throws Exception {
        HttpResponse<String> res = get("/directors?select=name,premieres(title,year)&premieres.order=year&id=eq.1");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body())
                .isEqualTo(
                        "[{\"name\":\"Agnès Varda\",\"premieres\":[{\"year\": 1962, \"title\": \"Cléo from 5 to 7\"},"
                                + " {\"year\": 1985, \"title\": \"Vagabond\"}]}]");
    }

    @Test
    void aSingleRowFunctionEmbedsAsAnObject() throws Exception {
        HttpResponse<String> res = get("/directors?select=name,latest_film(title)&order=id");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body())
                .isEqualTo("[{\"name\":\"Agnès Varda\",\"latest_film\":{\"title\": \"The Gleaners and I\"}}, \n "
                        + "{\"name\":\"Chantal Akerman\",\"latest_film\":{\"title\": \"Jeanne Dielman\"}}]");
    }

    @Test
    void aSetofFunctionDeclaredWithOneRowEmbedsAsAnObject() throws Exception {
        HttpResponse<String> res = get("/films?select=title,director(name)&id=eq.4");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body())
                .isEqualTo("[{\"title\":\"Jeanne Dielman\",\"director\":{\"name\": \"Chantal Akerman\"}}]");
    }

    @Test
    void theComputedRowsTakeFiltersAndInnerJoinsLikeATable() throws Exception {
        HttpResponse<String> res = get("/directors?select=name,premieres!inner(title)&premieres.year=gt.1980&order=id");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("[{\"name\":\"Agnès Varda\",\"premieres\":[{\"title\": \"Vagabond\"}]}]");
    }

    @Test
    void theForeignKeyRelationshipStaysEmbeddableByTheTargetsName() throws Exception {
        HttpResponse<String> res = get("/directors?select=name,films(title)&films.order=year&id=eq.2");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body())
                .isEqualTo("[{\"name\":\"Chantal Akerman\",\"films\":[{\"title\": \"Jeanne Dielman\"}]}]");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
