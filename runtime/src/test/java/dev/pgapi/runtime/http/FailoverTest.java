package dev.pgapi.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgapi.runtime.config.RuntimeConfig;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failover with real processes: the primary stops, its streaming replica is promoted, and a service whose
 * {@code db-uri} lists both hosts finds the new primary by itself while writes keep coming.
 */
class FailoverTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ReplicatedPostgres cluster;
    private ApiRuntime api;
    private WebServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        if (api != null) {
            api.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void afterThePrimaryStopsAndTheReplicaIsPromotedWritesResumeAndTheSwitchIsAnswered503() throws Exception {
        cluster = ReplicatedPostgres.start(ReadReplicasTest.SCHEMA);
        String hosts = "localhost:" + cluster.primaryPort() + ",localhost:" + cluster.replicaPort();
        api = ApiRuntime.create(RuntimeConfig.load(
                null,
                Map.of(
                        "PGRST_DB_URI", "postgres://authenticator@" + hosts + "/postgres",
                        "PGRST_DB_READ_URIS", "postgres://localhost:" + cluster.replicaPort() + "/postgres",
                        "PGRST_DB_SCHEMAS", "api",
                        "PGRST_DB_ANON_ROLE", "anon",
                        "PGRST_DB_POOL", "4")));
        server = ReadReplicasTest.serve(api);

        var stop = new AtomicBoolean();
        var promoted = new AtomicBoolean();
        var nextId = new AtomicInteger(1000);
        var written = new AtomicInteger();
        var writtenAfterPromotion = new ConcurrentLinkedQueue<Integer>();
        var unexpected = new ConcurrentLinkedQueue<String>();
        var refused = new AtomicInteger();
        int writers = 2;
        try (var load = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < writers; i++) {
                load.submit(() -> {
                    while (!stop.get()) {
                        int id = nextId.getAndIncrement();
                        boolean after = promoted.get();
                        try {
                            var res = post("/items", "{\"id\":" + id + "}");
                            if (res.statusCode() == 201) {
                                written.incrementAndGet();
                                if (after) {
                                    writtenAfterPromotion.add(id);
                                }
                            } else if (res.statusCode() == 503
                                    && res.headers().firstValue("Retry-After").isPresent()
                                    // PGRST000/001 (no primary, connection lost), 57P01 (terminated by the shutdown)
                                    && res.body().matches("\\{\"code\":\"(PGRST00[01]|57P01)\",.*")) {
                                refused.incrementAndGet();
                                Thread.sleep(20);
                            } else {
                                unexpected.add(res.statusCode() + " " + res.body());
                            }
                        } catch (Exception e) {
                            unexpected.add(e.toString());
                        }
                    }
                    return null;
                });
            }
            try {
                await(() -> written.get() >= 20, "writes to the first primary");
                cluster.stopPrimary();
                await(() -> refused.get() >= 1, "a write answered 503 while there is no primary");
                cluster.promoteReplica();
                promoted.set(true);
                await(() -> writtenAfterPromotion.size() >= 20, "writes to the promoted replica");
            } finally {
                stop.set(true);
            }
        }
        assertThat(unexpected)
                .as("answers other than 201 and 503 with Retry-After")
                .isEmpty();

        List<Integer> missing = new ArrayList<>(writtenAfterPromotion);
        try (var c = DriverManager.getConnection(
                        "jdbc:postgresql://localhost:" + cluster.replicaPort() + "/postgres", "postgres", null);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select id from api.items")) {
            while (rs.next()) {
                missing.remove(Integer.valueOf(rs.getInt(1)));
            }
        }
        assertThat(missing).as("writes reported as done are on the new primary").isEmpty();
        // reads too: the promoted replica leaves rotation, the primary pool now leads to the same server
        // (a read may reach the promoted server through the replica pool until the next health check: await that)
        await(() -> api.databases().replicaInRotation(0) == 0, "the promoted replica leaves rotation");
        assertThat(inRecovery()).isEqualTo("false");
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String inRecovery() {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/rpc/in_recovery"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + ReadReplicasTest.WITHIN.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + ReadReplicasTest.WITHIN + "\n"
                        + ThreadDiagnostics.databaseThreads());
            }
            Thread.sleep(20);
        }
    }
}
