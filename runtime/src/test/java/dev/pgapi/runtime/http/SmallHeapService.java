package dev.pgapi.runtime.http;

import dev.pgapi.runtime.config.RuntimeConfig;
import dev.pgapi.runtime.schema.ColumnInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import dev.pgapi.runtime.schema.ValueKind;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;
import java.util.List;

/**
 * The service in a JVM of its own, started by {@link SmallHeapBodiesTest} with a small heap: serves {@code POST
 * /sink} against the PostgreSQL port given as argument, prints its port, and stops when its input closes.
 */
public final class SmallHeapService {

    static final RelationInfo SINK = new RelationInfo(
            "api",
            "sink",
            List.of(new ColumnInfo("id", "integer", ValueKind.INTEGER, false, false)),
            List.of(),
            true,
            true,
            true);

    private SmallHeapService() {}

    public static void main(String[] args) throws Exception {
        RuntimeConfig config = AnonApi.config("localhost", Integer.parseInt(args[0]), 4);
        ApiRuntime api = ApiRuntime.create(config);
        HttpFeature feature = routing -> {
            ApiEndpoints endpoints = api.endpoints(List.of(SINK), List.of());
            routing.addFilter(api.filter());
            routing.register(
                    "/sink", rules -> rules.post("/", endpoints.handlers(SINK).insert()));
            endpoints.fallbacks(routing);
        };
        WebServer server = WebServer.builder()
                .port(0)
                .routing((HttpRouting.Builder routing) -> routing.addFeature(feature))
                .build()
                .start();
        System.out.println("PORT " + server.port());
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the test closes our input
        }
        server.stop();
        api.close();
    }
}
