package dev.pgapi.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example service driven by {@code @supabase/postgrest-js} (src/test/js): installs the locked dependencies with
 * {@code npm ci}, then runs the script against the service. Node.js and npm must be on the PATH; without them the
 * test fails rather than skipping, so a missing toolchain cannot hide a regression.
 */
class PostgrestJsIT {

    private static final Path JS = Path.of("src", "test", "js");
    private static DevServer server;

    @BeforeAll
    static void start() throws Exception {
        server = DevServer.start(Map.of("PGRST_SERVER_PORT", "0"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void postgrestJsClientWorksAgainstTheService() throws Exception {
        Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of());
        assertThat(install.exit()).as("npm ci failed:\n" + install.output()).isZero();
        Result test =
                run(List.of("node", "postgrest-js.test.mjs"), Map.of("BASE_URL", "http://localhost:" + server.port()));
        assertThat(test.exit()).as(test.output()).isZero();
        assertThat(test.output()).doesNotContain("FAILED").contains("ok embedding", "ok csv");
    }

    private record Result(int exit, String output) {}

    private static Result run(List<String> command, Map<String, String> env) throws Exception {
        var builder = new ProcessBuilder(command).directory(JS.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError(
                    "'" + command.getFirst() + "' is not on the PATH: this test needs Node.js 20+"
                            + " and npm to run the postgrest-js client (" + e.getMessage() + ")",
                    e);
        }
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " timed out");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.exitValue(), output);
    }
}
