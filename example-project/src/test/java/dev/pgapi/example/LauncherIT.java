package dev.pgapi.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The start script the build writes next to the jar ({@code target/pgapi-example}, the launcher goal) serves the
 * API, and on JDK 25+ with the AOT cache the build trained: {@code -XX:AOTMode=on} makes the JVM refuse to start
 * when it cannot use the cache. The service's log stays free of the JVM's and jOOQ's noise.
 */
class LauncherIT {

    @Test
    void theStartScriptServesTheApiWithTheStartupCacheTheBuildTrained() throws Exception {
        Path script = Path.of("target", "pgapi-example");
        assertThat(script).isExecutable();
        boolean aot = Runtime.version().feature() >= 25;
        if (aot) {
            assertThat(Path.of("target", "pgapi-example.aot")).isRegularFile();
        }
        Matcher url = Pattern.compile("localhost:(\\d+)/").matcher(Api.adminJdbcUrl());
        assertThat(url.find()).isTrue();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("launcher", ".log");
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "pgapi.conf")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS", aot ? "-XX:AOTMode=on" : "");
        builder.environment()
                .put("PGRST_DB_URI", "postgres://authenticator:authenticator@localhost:" + url.group(1) + "/postgres");
        builder.environment().put("PGRST_SERVER_PORT", Integer.toString(port));
        Process service = builder.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/books?id=eq.1"))
                    .timeout(Duration.ofSeconds(10))
                    .build();
            int status = -1;
            for (long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                    status != 200 && service.isAlive() && System.nanoTime() < deadline; ) {
                try {
                    status = http.send(request, HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                } catch (java.io.IOException notYet) {
                    Thread.sleep(100);
                }
            }
            assertThat(status).as(Files.readString(log)).isEqualTo(200);
            // the hand-written endpoint is jOOQ's first use: no banner, tip or version warning from it
            HttpRequest custom = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/lookup/books/1"))
                    .build();
            assertThat(http.send(custom, HttpResponse.BodyHandlers.discarding()).statusCode())
                    .isEqualTo(200);
            assertThat(Files.readString(log)).doesNotContain("[warning]").doesNotContainIgnoringCase("jooq");
        } finally {
            service.destroy();
            service.waitFor();
            Files.deleteIfExists(log);
        }
    }
}
