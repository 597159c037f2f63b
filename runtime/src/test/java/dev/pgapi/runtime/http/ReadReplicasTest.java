package dev.pgapi.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgapi.runtime.config.RuntimeConfig;
import dev.pgapi.runtime.schema.ColumnInfo;
import dev.pgapi.runtime.schema.FunctionInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import dev.pgapi.runtime.schema.ValueKind;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Read replicas with real processes: a primary and a streaming standby. Where a request ran is what
 * {@code pg_is_in_recovery()} says inside it. Waits are bounded generously (a loaded machine may be slow to start or
 * replicate); nothing asserts how long anything took.
 */
class ReadReplicasTest {

    static final String SCHEMA = AnonApi.ROLES_AND_SCHEMA + """
            create table api.items (id int primary key, note text);
            grant select, insert on api.items to anon;
            insert into api.items values (1, 'first');
            create function api.in_recovery() returns boolean stable language sql
              as $$ select pg_is_in_recovery() $$;
            create function api.write_note(id int) returns boolean volatile language sql
              as $$ insert into api.items values (id, 'by rpc'); select pg_is_in_recovery() $$;
            """;
    static final RelationInfo ITEMS = new RelationInfo(
            "api",
            "items",
            List.of(
                    new ColumnInfo("id", "integer", ValueKind.INTEGER, false, false),
                    new ColumnInfo("note", "text", ValueKind.TEXT, true, false)),
            List.of("id"),
            true,
            true,
            true);
    static final List<FunctionInfo> IN_RECOVERY = List.of(new FunctionInfo(
            "api",
            "in_recovery",
            List.of(),
            FunctionInfo.ReturnShape.SCALAR,
            "boolean",
            FunctionInfo.Volatility.STABLE,
            List.of()));
    static final List<FunctionInfo> WRITE_NOTE = List.of(new FunctionInfo(
            "api",
            "write_note",
            List.of(new dev.pgapi.runtime.schema.ParamInfo("id", "integer", ValueKind.INTEGER, false, false)),
            FunctionInfo.ReturnShape.SCALAR,
            "boolean",
            FunctionInfo.Volatility.VOLATILE,
            List.of()));
    /** A liveness bound for what should happen within seconds: starting, replicating, checking health. */
    static final Duration WITHIN = Duration.ofSeconds(60);

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static ReplicatedPostgres cluster;

    private ApiRuntime api;
    private WebServer server;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = ReplicatedPostgres.start(SCHEMA);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void stopService() {
        if (server != null) {
            server.stop();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void readsRunOnTheReplicaAndWritesOnThePrimaryInTheSameRequestTransaction() throws Exception {
        start(Map.of("PGRST_DB_READ_URIS", "postgres://localhost:" + cluster.replicaPort() + "/postgres"));
        awaitBody("/rpc/in_recovery", "true");

        assertThat(get("/rpc/in_recovery", Map.of()).body())
                .as("a GET call of a STABLE function")
                .isEqualTo("true");
        assertThat(send("POST", "/rpc/in_recovery", "{}", Map.of()).body())
                .as("a POST call of it is READ ONLY too")
                .isEqualTo("true");
        assertThat(get("/rpc/in_recovery", Map.of("Pgapi-Read", "primary")).body())
                .as("insisting on the primary")
                .isEqualTo("false");
        var write = send("POST", "/rpc/write_note", "{\"id\":2}", Map.of());
        assertThat(write.statusCode()).as(write.body()).isEqualTo(200);
        assertThat(write.body()).as("a VOLATILE function runs on the primary").isEqualTo("false");
        var insert = send("POST", "/items", "{\"id\":3,\"note\":\"by insert\"}", Map.of());
        assertThat(insert.statusCode()).as(insert.body()).isEqualTo(201);

        // the writes reach the replica by streaming replication; the role switch and search path apply there too
        awaitBody("/items?select=id&order=id", "[{\"id\":1}, \n {\"id\":2}, \n {\"id\":3}]");
        var writeOnReplica = get("/rpc/write_note?id=4", Map.of());
        assertThat(writeOnReplica.statusCode())
                .as("a GET call that writes: PostgreSQL's 25006 in a READ ONLY " + "transaction, as on the primary")
                .isEqualTo(405);
        assertThat(writeOnReplica.body()).startsWith("{\"code\":\"25006\"");

        assertThat(get("/custom/read", Map.of()).body())
                .as("readTransaction: hand-written reads may use the replica")
                .isEqualTo("true");
        assertThat(get("/custom/any", Map.of()).body())
                .as("transaction: hand-written code stays on the primary")
                .isEqualTo("false");
        assertThat(api.databases().replicaTransactions(0)).isPositive();
        try (var metrics = dev.pgapi.runtime.ops.Metrics.create(api)) {
            String replica = "localhost:" + cluster.replicaPort() + "/postgres";
            assertThat(metrics.scrape())
                    .containsPattern("pgapi_db_transactions_total\\{pool=\"primary\"} [1-9]")
                    .containsPattern("pgapi_db_transactions_total\\{pool=\"" + replica + "\"} [1-9]")
                    .contains("pgapi_db_replica_in_rotation{replica=\"" + replica + "\"} 1.0");
        }
        assertThat(api.databases().readsOnPrimary())
                .as("the Pgapi-Read: primary read, /custom/any, and reads before " + "the first health check")
                .isPositive();
    }

    @Test
    void aStoppedReplicaIsTakenOutUnderLoadWithoutFailedReadsAndPutBackWhenItReturns() throws Exception {
        start(Map.of("PGRST_DB_READ_URIS", "postgres://localhost:" + cluster.replicaPort() + "/postgres"));
        awaitBody("/rpc/in_recovery", "true");

        int clients = 4;
        var stop = new AtomicBoolean();
        var ok = new AtomicInteger();
        var failures = new ArrayList<String>();
        try (var load = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                load.submit(() -> {
                    while (!stop.get()) {
                        try {
                            var res = get("/items?select=id&id=eq.1", Map.of());
                            if (res.statusCode() == 200 && res.body().equals("[{\"id\":1}]")) {
                                ok.incrementAndGet();
                            } else {
                                synchronized (failures) {
                                    failures.add(res.statusCode() + " " + res.body());
                                }
                            }
                        } catch (Exception e) {
                            synchronized (failures) {
                                failures.add(e.toString());
                            }
                        }
                    }
                    return null;
                });
            }
            try {
                awaitCount(ok, 50);
                cluster.stopReplica();
                awaitBody("/rpc/in_recovery", "false");
                int before = ok.get();
                awaitCount(ok, before + 50);
                cluster.startReplica();
                awaitBody("/rpc/in_recovery", "true");
                before = ok.get();
                awaitCount(ok, before + 50);
            } finally {
                stop.set(true);
            }
        }
        // a read whose replica fails runs again on the primary; at most each client's request in flight could fail
        assertThat(failures).as("failed reads").hasSizeLessThanOrEqualTo(clients);
    }

    @Test
    void aWriteRefusedByAStandbyAnswers503AndIsNeverReportedAsDone() throws Exception {
        // db-uri at the standby, as after a failover that the service has not followed yet
        startAt(cluster.replicaPort(), Map.of());
        awaitStatus("/items?select=id&id=eq.1", 200);

        for (int i = 0; i < 3; i++) {
            var insert = send("POST", "/items", "{\"id\":" + (100 + i) + "}", Map.of());
            assertThat(insert.statusCode()).as(insert.body()).isEqualTo(503);
            assertThat(insert.body()).startsWith("{\"code\":\"PGRST001\"").contains("read-only standby");
            assertThat(insert.headers().firstValue("Retry-After")).isPresent();
            var rpc = send("POST", "/rpc/write_note", "{\"id\":" + (200 + i) + "}", Map.of());
            assertThat(rpc.statusCode()).as(rpc.body()).isEqualTo(503);
        }
        try (var c = java.sql.DriverManager.getConnection(
                        "jdbc:postgresql://localhost:" + cluster.replicaPort() + "/postgres", "postgres", null);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select count(*) from api.items where id >= 100")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    private void start(Map<String, String> extra) throws Exception {
        startAt(cluster.primaryPort(), extra);
    }

    private void startAt(int port, Map<String, String> extra) throws Exception {
        var env = new java.util.HashMap<>(Map.of(
                "PGRST_DB_URI", "postgres://authenticator@localhost:" + port + "/postgres",
                "PGRST_DB_SCHEMAS", "api",
                "PGRST_DB_ANON_ROLE", "anon",
                "PGRST_DB_POOL", "4"));
        env.putAll(extra);
        api = ApiRuntime.create(RuntimeConfig.load(null, env));
        server = serve(api);
    }

    static WebServer serve(ApiRuntime api) {
        HttpFeature feature = routing -> {
            ApiEndpoints endpoints = api.endpoints(List.of(ITEMS), List.of(IN_RECOVERY, WRITE_NOTE));
            routing.addFilter(api.filter());
            routing.register(
                    "/items",
                    rules -> rules.get("/", endpoints.handlers(ITEMS).read())
                            .post("/", endpoints.handlers(ITEMS).insert()));
            routing.register(
                    "/rpc/in_recovery",
                    rules -> rules.get("/", endpoints.handlers(IN_RECOVERY).call())
                            .post("/", endpoints.handlers(IN_RECOVERY).call()));
            routing.register(
                    "/rpc/write_note",
                    rules -> rules.get("/", endpoints.handlers(WRITE_NOTE).call())
                            .post("/", endpoints.handlers(WRITE_NOTE).call()));
            routing.get("/custom/read", (req, res) -> api.readTransaction(req, res, ctx -> inRecovery(ctx)));
            routing.get("/custom/any", (req, res) -> api.transaction(req, res, ctx -> inRecovery(ctx)));
            endpoints.fallbacks(routing);
        };
        return WebServer.builder()
                .port(0)
                .routing((HttpRouting.Builder routing) -> routing.addFeature(feature))
                .build()
                .start();
    }

    private static Reply inRecovery(RequestContext ctx) throws Exception {
        try (Statement st = ctx.connection().createStatement();
                ResultSet rs = st.executeQuery("select pg_is_in_recovery()::text")) {
            rs.next();
            return Reply.json(200, rs.getString(1));
        }
    }

    /** Asks until {@code path} answers 200 with {@code body}; fails after {@link #WITHIN}. */
    private void awaitBody(String path, String body) throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            var res = get(path, Map.of());
            if (res.statusCode() == 200 && res.body().equals(body)) {
                return;
            }
            last = res.statusCode() + " " + res.body();
            Thread.sleep(100);
        }
        throw new AssertionError(path + " did not answer " + body + " within " + WITHIN + "; last: " + last + "\n"
                + ThreadDiagnostics.databaseThreads());
    }

    private void awaitStatus(String path, int status) throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (get(path, Map.of()).statusCode() != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " did not answer " + status + " within " + WITHIN + "\n"
                        + ThreadDiagnostics.databaseThreads());
            }
            Thread.sleep(100);
        }
    }

    private static void awaitCount(AtomicInteger count, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (count.get() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + count.get() + " successful reads, expected " + atLeast);
            }
            Thread.sleep(20);
        }
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        return send("GET", path, null, headers);
    }

    private HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
