package dev.pgapi.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgapi.runtime.PgapiServer;
import dev.pgapi.runtime.config.RuntimeConfig;
import io.helidon.webserver.http.HttpFeature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Readiness with a read replica, real processes: {@code /ready} follows the primary only (reads fall back to it), and
 * the admin server's {@code /replicas} reports each replica's state. Waits are bounded generously; nothing asserts how
 * long anything took.
 */
class ReplicaReadinessTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ReplicatedPostgres cluster;
    private static PgapiServer server;
    private static String replica;

    @BeforeAll
    static void start() throws Exception {
        cluster = ReplicatedPostgres.start(ReadReplicasTest.SCHEMA);
        replica = "localhost:" + cluster.replicaPort() + "/postgres";
        server = PgapiServer.start(
                RuntimeConfig.load(
                        null,
                        Map.of(
                                "PGRST_DB_URI",
                                "postgres://authenticator@localhost:" + cluster.primaryPort() + "/postgres",
                                "PGRST_DB_READ_URIS",
                                "postgres://" + replica,
                                "PGRST_DB_SCHEMAS",
                                "api",
                                "PGRST_DB_ANON_ROLE",
                                "anon",
                                "PGRST_DB_POOL",
                                "2",
                                "PGRST_DB_POOL_ACQUISITION_TIMEOUT",
                                "2",
                                "PGRST_SERVER_PORT",
                                "0",
                                "PGRST_ADMIN_SERVER_PORT",
                                "0")),
                ReplicaReadinessTest::items);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static HttpFeature items(ApiRuntime api) {
        return routing -> {
            ApiEndpoints endpoints = api.endpoints(List.of(ReadReplicasTest.ITEMS), List.of());
            routing.addFilter(api.filter());
            routing.register(
                    "/items",
                    rules -> rules.get(
                            "/", endpoints.handlers(ReadReplicasTest.ITEMS).read()));
            endpoints.fallbacks(routing);
        };
    }

    @Test
    void aReplicaThatIsDownIsReportedButLeavesTheServiceReadyAndReadsServedByThePrimary() throws Exception {
        JsonNode up = awaitReplica(r -> r.get("in_rotation").asBoolean());
        assertThat(up.get("replica").asText()).isEqualTo(replica);
        assertThat(up.get("problem").isNull()).as(up.toString()).isTrue();
        assertThat(up.get("lag_seconds").isNumber()).as(up.toString()).isTrue();
        var replicas = admin("/replicas");
        assertThat(replicas.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertReady();

        cluster.stopReplica();
        try {
            JsonNode down = awaitReplica(r -> !r.get("in_rotation").asBoolean()
                    && r.get("problem").asText().startsWith("the health check failed"));
            assertThat(down.get("lag_seconds").isNull()).as(down.toString()).isTrue();
            assertReady();
            assertThat(api("/items?select=id&id=eq.1").body())
                    .as("reads go to the primary")
                    .isEqualTo("[{\"id\":1}]");
        } finally {
            cluster.startReplica();
        }
        awaitReplica(r -> r.get("in_rotation").asBoolean());
        assertReady();
    }

    @Test
    void withThePrimaryDownTheServiceIsNotReadyWhileItsReplicaStaysInRotation() throws Exception {
        awaitReplica(r -> r.get("in_rotation").asBoolean());
        await(
                "/ready answers 200 before the primary stops",
                () -> admin("/ready").statusCode() == 200);
        cluster.stopPrimary();
        try {
            await("/ready answers 503", () -> admin("/ready").statusCode() == 503);
            var ready = admin("/ready");
            assertThat(ready.body()).isEmpty();
            JsonNode replica = replicas().get(0);
            assertThat(replica.get("in_rotation").asBoolean())
                    .as("the replica serves reads while the primary is away: " + replica)
                    .isTrue();
        } finally {
            cluster.startPrimary();
        }
        await("/ready answers 200 again", () -> admin("/ready").statusCode() == 200);
    }

    private static void assertReady() throws Exception {
        var ready = admin("/ready");
        assertThat(ready.statusCode()).as(ReplicaReadinessTest::diagnostics).isEqualTo(200);
        assertThat(ready.body()).as("PostgREST's empty body").isEmpty();
    }

    private static JsonNode replicas() throws Exception {
        var res = admin("/replicas");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode all = JSON.readTree(res.body());
        assertThat(all.size()).as(res.body()).isEqualTo(1);
        return all;
    }

    /** Asks {@code /replicas} until the one replica matches; fails after {@link ReadReplicasTest#WITHIN}. */
    private static JsonNode awaitReplica(Predicate<JsonNode> state) throws Exception {
        long deadline = System.nanoTime() + ReadReplicasTest.WITHIN.toNanos();
        JsonNode last = replicas().get(0);
        while (!state.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the replica is not in the expected state within " + ReadReplicasTest.WITHIN
                        + "; last: " + last + "\n" + diagnostics());
            }
            Thread.sleep(100);
            last = replicas().get(0);
        }
        return last;
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + ReadReplicasTest.WITHIN.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + ReadReplicasTest.WITHIN + "\n" + diagnostics());
            }
            Thread.sleep(100);
        }
    }

    /** The pool's metrics and the database layer's threads: what a wait that timed out was stuck on. */
    private static String diagnostics() {
        String pool;
        try {
            pool = admin("/metrics")
                    .body()
                    .lines()
                    .filter(line -> line.startsWith("pgrst_db_pool"))
                    .reduce("", (a, b) -> a + b + "\n");
        } catch (Exception e) {
            pool = "no metrics: " + e + "\n";
        }
        return "reachable: " + server.runtime().database().reachable() + "\n" + pool
                + ThreadDiagnostics.databaseThreads();
    }

    private static HttpResponse<String> admin(String path) throws Exception {
        return get(server.adminPort(), path);
    }

    private static HttpResponse<String> api(String path) throws Exception {
        return get(server.port(), path);
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
