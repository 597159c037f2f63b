package dev.pgapi.runtime.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Planners raise errors by kind ({@code ApiErrors}); which HTTP status a kind gets is the error catalogue's business.
 * So the sources of this package name no HTTP type and no status number.
 */
class QueryKnowsNoHttpTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/pgapi/runtime/query");
    /** An integer literal of an HTTP status's range (the code, not its comments and strings). */
    private static final Pattern STATUS = Pattern.compile("(?<![\\w.])[1-5][0-9]{2}(?![\\w.])");

    private static final Pattern HTTP_IMPORT =
            Pattern.compile("import\\s+(static\\s+)?(io\\.helidon|java\\.net\\.http)");

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void sourcesAreFound() throws IOException {
        assertThat(sources()).contains(SOURCES.resolve("ReadPlanner.java"), SOURCES.resolve("WritePlanner.java"));
    }

    @Test
    void noSourceImportsAnHttpType() throws IOException {
        for (Path source : sources()) {
            assertThat(HTTP_IMPORT.matcher(Files.readString(source)).find())
                    .as(source.toString())
                    .isFalse();
        }
    }

    @Test
    void noSourceWritesAStatusNumber() throws IOException {
        for (Path source : sources()) {
            String code = code(Files.readString(source));
            assertThat(STATUS.matcher(code).results().map(m -> m.group()).toList())
                    .as(source.toString())
                    .isEmpty();
        }
    }

    @Test
    void theStatusCheckSeesCodeButNotCommentsOrStrings() {
        assertThat(STATUS.matcher(code("int s = 404; // 416\n/* 300 */ String t = \"400\"; char c = '5';"))
                        .results()
                        .map(m -> m.group())
                        .toList())
                .containsExactly("404");
    }

    /** {@code source} without comments and string, text block and character literals. */
    private static String code(String source) {
        var out = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith("//", i)) {
                i = end(source, "\n", i + 2);
            } else if (source.startsWith("/*", i)) {
                i = end(source, "*/", i + 2);
            } else if (source.startsWith("\"\"\"", i)) {
                i = end(source, "\"\"\"", i + 3);
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                char quote = source.charAt(i++);
                while (i < source.length() && source.charAt(i) != quote) {
                    i += source.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else {
                out.append(source.charAt(i++));
                continue;
            }
            out.append(' ');
        }
        return out.toString();
    }

    private static int end(String source, String terminator, int from) {
        int at = source.indexOf(terminator, from);
        return at < 0 ? source.length() : at + terminator.length();
    }
}
