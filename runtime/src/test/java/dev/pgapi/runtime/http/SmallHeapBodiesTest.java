package dev.pgapi.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Eight concurrent bodies of a million {@code {}} each (3 MB) against a service with a 128 MB heap: each is
 * answered by PostgreSQL (here a not-null violation on the first row, after the whole body was read and checked) or
 * refused with 503 while others hold the memory budget; never a 500.
 */
class SmallHeapBodiesTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static EmbeddedPostgres postgres;
    private static Process service;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute(AnonApi.ROLES_AND_SCHEMA + """
                    create table api.sink (id int not null);
                    grant insert on api.sink to anon;
                    """);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        service = new ProcessBuilder(
                        java,
                        "-Xmx128m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        SmallHeapService.class.getName(),
                        Integer.toString(postgres.getPort()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        var out = new BufferedReader(new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("PORT ")) {
            // startup output
        }
        assertThat(line).as("the service started").isNotNull();
        port = Integer.parseInt(line.substring(5).strip());
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.getOutputStream().close();
            if (!service.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
        postgres.close();
    }

    @Test
    void concurrentMillionObjectBodiesAreAnsweredOrRefusedNeverFailedWith500() throws Exception {
        byte[] body = ("[" + "{},".repeat(999_999) + "{}]").getBytes(StandardCharsets.UTF_8);
        var statuses = new ArrayList<Integer>();
        for (int wave = 0; wave < 2; wave++) {
            var tasks = new ArrayList<Callable<HttpResponse<String>>>();
            for (int i = 0; i < 8; i++) {
                tasks.add(() -> HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sink"))
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(120))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (Future<HttpResponse<String>> f : pool.invokeAll(tasks)) {
                    var res = f.get();
                    statuses.add(res.statusCode());
                    if (res.statusCode() == 400) {
                        assertThat(res.body()).startsWith("{\"code\":\"23502\"");
                    } else {
                        assertThat(res.statusCode()).as(res.body()).isEqualTo(503);
                        assertThat(res.body()).startsWith("{\"code\":\"PGRST503\"");
                    }
                }
            }
        }
        System.out.println("SmallHeapBodiesTest: statuses " + statuses);
        assertThat(statuses).contains(400);
        assertThat(service.isAlive()).isTrue();
    }
}
