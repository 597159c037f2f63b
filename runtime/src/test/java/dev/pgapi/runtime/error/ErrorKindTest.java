package dev.pgapi.runtime.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ErrorKindTest {

    /** PostgREST's {@code Error.hs}: every code it answers, with its status. */
    private static final Map<String, Integer> POSTGREST = Map.ofEntries(
            Map.entry("PGRST000", 503),
            Map.entry("PGRST001", 503),
            Map.entry("PGRST002", 503),
            Map.entry("PGRST003", 504),
            Map.entry("PGRST100", 400),
            Map.entry("PGRST101", 405),
            Map.entry("PGRST102", 400),
            Map.entry("PGRST103", 416),
            Map.entry("PGRST105", 405),
            Map.entry("PGRST106", 406),
            Map.entry("PGRST107", 406),
            Map.entry("PGRST108", 400),
            Map.entry("PGRST111", 500),
            Map.entry("PGRST112", 500),
            Map.entry("PGRST114", 400),
            Map.entry("PGRST115", 400),
            Map.entry("PGRST116", 406),
            Map.entry("PGRST117", 405),
            Map.entry("PGRST118", 400),
            Map.entry("PGRST120", 400),
            Map.entry("PGRST121", 500),
            Map.entry("PGRST122", 400),
            Map.entry("PGRST123", 400),
            Map.entry("PGRST124", 400),
            Map.entry("PGRST125", 404),
            Map.entry("PGRST126", 404),
            Map.entry("PGRST127", 400),
            Map.entry("PGRST128", 400),
            Map.entry("PGRST200", 400),
            Map.entry("PGRST201", 300),
            Map.entry("PGRST202", 404),
            Map.entry("PGRST203", 300),
            Map.entry("PGRST204", 400),
            Map.entry("PGRST205", 404),
            Map.entry("PGRST300", 500),
            Map.entry("PGRST301", 401),
            Map.entry("PGRST302", 401),
            Map.entry("PGRST303", 401),
            Map.entry("PGRSTX00", 500));

    /** PGRST002 is PostgREST failing to load its schema cache; pgapi's is generated, so it never answers it. */
    private static final Set<String> NOT_RAISED = Set.of("PGRST002");

    /** pgapi's own: refusals of the HTTP server (PostgREST's answers them without a code) and the body budget. */
    private static final Set<String> PGAPI_OWN = Set.of("PGRST400", "PGRST413", "PGRST414", "PGRST503", "PGRST505");

    private static Map<String, Integer> catalogue() {
        var byCode = new TreeMap<String, Integer>();
        for (ErrorKind kind : ErrorKind.values()) {
            assertThat(byCode.put(kind.code(), kind.status()))
                    .as("two kinds share %s", kind.code())
                    .isNull();
        }
        return byCode;
    }

    @Test
    void everyPostgrestCodeHasItsPostgrestStatus() {
        var expected = new HashMap<>(POSTGREST);
        NOT_RAISED.forEach(expected::remove);
        var ours = new HashMap<>(catalogue());
        PGAPI_OWN.forEach(ours::remove);
        assertThat(ours).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void pgapisOwnCodesAreTheirStatusAndNoPostgrestCode() {
        Map<String, Integer> catalogue = catalogue();
        for (String code : PGAPI_OWN) {
            assertThat(POSTGREST).doesNotContainKey(code);
            assertThat(catalogue).contains(entry(code, Integer.parseInt(code.substring("PGRST".length()))));
        }
    }

    @Test
    void theRuntimeNamesItsErrorsInsteadOfBuildingThemFromStatusAndCode() throws IOException {
        // ApiError.of & co. stay public for hand-written handlers; the runtime outside this package uses ApiErrors
        Pattern built = Pattern.compile("ApiError\\.(of|withJsonDetails)\\(|\\.with(Header|Reason)\\(");
        Path runtime = Path.of("src/main/java/dev/pgapi/runtime");
        List<Path> sources;
        try (Stream<Path> files = Files.walk(runtime)) {
            sources = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.startsWith(runtime.resolve("error")))
                    .toList();
        }
        assertThat(sources)
                .contains(runtime.resolve("http/ReadHandler.java"), runtime.resolve("query/ReadPlanner.java"));
        assertThat(sources.stream().filter(f -> built.matcher(read(f)).find()).map(Path::toString))
                .isEmpty();
        assertThat(built.matcher("throw ApiError.of(400, \"PGRST102\", m, null, null);")
                        .find())
                .isTrue();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void factoriesAnswerTheirKindsCodeStatusAndHeaders() {
        ApiError range = ApiErrors.offsetBeyondTotal(5, 3);
        assertThat(range.code()).isEqualTo("PGRST103");
        assertThat(range.status()).isEqualTo(416);
        assertThat(range.headers()).containsExactly(entry("Content-Range", "*/3"));

        ApiError anonymous = ApiErrors.jwtTokenRequired();
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.headers()).containsExactly(entry("WWW-Authenticate", "Bearer"));

        ApiError claims = ApiErrors.jwtClaims("JWT \"expired\"");
        assertThat(claims.code()).isEqualTo("PGRST303");
        assertThat(claims.headers())
                .containsExactly(entry(
                        "WWW-Authenticate",
                        "Bearer error=\"invalid_token\", error_description=\"JWT \\\"expired\\\"\""));

        assertThat(ApiErrors.transport(431).toJson())
                .isEqualTo("{\"code\":\"PGRST431\",\"details\":null,\"hint\":null,"
                        + "\"message\":\"Request Header Fields Too Large\"}");
    }

    @Test
    void sqlStatesFoundBeforeTheDatabaseTakeTheDatabasesStatus() {
        for (ApiError e : new ApiError[] {
            ApiErrors.undefinedColumn("t", "c"),
            ApiErrors.undefinedType("x"),
            ApiErrors.duplicateAlias("t_a_1"),
            ApiErrors.outOfRange("9", "smallint"),
            ApiErrors.invalidInput("integer", "x")
        }) {
            assertThat(e.status()).as(e.code()).isEqualTo(PgErrors.status(e.code(), e.getMessage(), false));
            assertThat(e.headers()).isEmpty();
        }
    }
}
