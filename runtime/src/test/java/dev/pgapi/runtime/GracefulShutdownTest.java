package dev.pgapi.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgapi.runtime.config.RuntimeConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PostgREST 16's graceful shutdown: readiness turns 503 first, in-flight requests finish, new ones are refused. */
class GracefulShutdownTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        TestApi.createSchema(postgres.getPostgresDatabase());
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void aRequestInFlightCompletesWhileReadinessTurns503AndNewConnectionsAreRefused() throws Exception {
        PgapiServer server = PgapiServer.start(
                RuntimeConfig.load(
                        null,
                        Map.of(
                                "PGRST_DB_URI",
                                        "postgres://authenticator@localhost:" + postgres.getPort() + "/postgres",
                                "PGRST_DB_SCHEMAS", "api",
                                "PGRST_DB_ANON_ROLE", "anon",
                                "PGRST_SERVER_PORT", "0",
                                "PGRST_ADMIN_SERVER_PORT", "0",
                                "PGRST_SERVER_SHUTDOWN_WAIT_PERIOD", "1",
                                "PGRST_SERVER_SHUTDOWN_TIMEOUT", "20")),
                TestApi::feature);
        int port = server.port();
        int adminPort = server.adminPort();
        HttpClient http = HttpClient.newHttpClient();
        assertThat(ready(adminPort)).isEqualTo(200);

        CompletableFuture<HttpResponse<String>> slow = http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/rpc/slow"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        awaitSleepingQuery();

        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(server::close);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int readyStatus = ready(adminPort);
        while (readyStatus == 200 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            readyStatus = ready(adminPort);
        }
        assertThat(readyStatus).as("readiness during the wait period").isEqualTo(503);

        while (accepts(port) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("localhost", port), 1000))
                .isInstanceOf(ConnectException.class);
        assertThat(slow)
                .as("the request in flight is still running after the listener closed")
                .isNotDone();

        HttpResponse<String> res = slow.get(30, TimeUnit.SECONDS);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("1");
        shutdown.get(30, TimeUnit.SECONDS);
    }

    /** The status of {@code /ready}, on a new connection each time; -1 when the connection is refused. */
    private static int ready(int adminPort) throws Exception {
        try (HttpClient fresh =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            return fresh.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + adminPort + "/ready"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (ConnectException e) {
            return -1;
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("localhost", port), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static void awaitSleepingQuery() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = c.createStatement()
                        .executeQuery(
                                "select count(*) from pg_stat_activity where query like '%api%slow%' and state = 'active'"
                                        + " and pid <> pg_backend_pid()")) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the slow request never reached the database");
    }
}
