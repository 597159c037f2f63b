package dev.pgapi.runtime;

import dev.pgapi.runtime.config.ConfigException;
import dev.pgapi.runtime.config.RuntimeConfig;
import dev.pgapi.runtime.http.ApiRuntime;
import dev.pgapi.runtime.server.HttpEdge;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** Starts a generated API as a Helidon web server. */
public final class PgapiServer implements AutoCloseable {

    private final WebServer server;
    private final ApiRuntime runtime;
    private final HttpEdge edge;

    private PgapiServer(WebServer server, ApiRuntime runtime, HttpEdge edge) {
        this.server = server;
        this.runtime = runtime;
        this.edge = edge;
    }

    /**
     * The generated {@code Main}: reads the configuration file named by the only argument (optional) and the
     * {@code PGRST_*} environment, starts the server, and exits with status 1 and one line per problem when the
     * configuration is invalid.
     */
    public static void run(String[] args, Function<ApiRuntime, HttpFeature> api) {
        LogConfig.configureRuntime();
        if (args.length > 1) {
            fail("usage: java -jar <service>.jar [config-file]");
        }
        Path file = args.length == 1 ? Path.of(args[0]) : null;
        if (file != null && !Files.isRegularFile(file)) {
            fail("config file not found: " + args[0]);
        }
        try {
            RuntimeConfig config = RuntimeConfig.load(file, System.getenv());
            PgapiServer running = start(config, api);
            Runtime.getRuntime().addShutdownHook(new Thread(running::close, "pgapi-shutdown"));
        } catch (ConfigException e) {
            fail(e.getMessage());
        }
    }

    /** Starts the server for a configuration; close it to stop the server and the pool. */
    public static PgapiServer start(RuntimeConfig config, Function<ApiRuntime, HttpFeature> api) {
        ApiRuntime runtime = ApiRuntime.create(config);
        HttpEdge edge = HttpEdge.create(config);
        WebServer server = WebServer.builder()
                .host(config.bindAddress())
                .port(config.serverPort())
                .update(edge::configure)
                .routing(routing -> routing.addFeature(api.apply(runtime)))
                .build()
                .start();
        return new PgapiServer(server, runtime, edge);
    }

    /** The port the server listens on (useful with {@code server-port = 0}). */
    public int port() {
        return server.port();
    }

    public ApiRuntime runtime() {
        return runtime;
    }

    @Override
    public void close() {
        server.stop();
        edge.close();
        runtime.close();
    }

    private static void fail(String message) {
        System.err.println("pgapi: " + message.replace("\n", "\npgapi: "));
        System.exit(1);
    }
}
