package dev.pgapi.runtime;

import dev.pgapi.runtime.config.ConfigException;
import dev.pgapi.runtime.config.ConfigSource;
import dev.pgapi.runtime.config.RuntimeConfig;
import dev.pgapi.runtime.http.ApiRuntime;
import dev.pgapi.runtime.ops.Operations;
import dev.pgapi.runtime.ops.Reloader;
import dev.pgapi.runtime.server.HttpEdge;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;

/** Starts a generated API as a Helidon web server. */
public final class PgapiServer implements AutoCloseable {

    private final WebServer server;
    private final ApiRuntime runtime;
    private final HttpEdge edge;
    private final Operations operations;
    private final Reloader reloader;

    private PgapiServer(WebServer server, ApiRuntime runtime, HttpEdge edge, Operations operations, Reloader reloader) {
        this.server = server;
        this.runtime = runtime;
        this.edge = edge;
        this.operations = operations;
        this.reloader = reloader;
    }

    /**
     * The generated {@code Main}: reads the configuration file named by the only argument (optional) and the
     * {@code PGRST_*} environment, starts the server, and exits with status 1 and one line per problem when the
     * configuration is invalid. Hand-written routes join through {@link UserRoutes}. With {@code --ready} first, it is the container health check instead (see
     * {@link HealthCheck}).
     */
    public static void run(String[] args, Function<ApiRuntime, HttpFeature> api) {
        if (args.length > 0 && args[0].equals(HealthCheck.READY)) {
            HealthCheck.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        LogConfig.configureRuntime();
        if (args.length > 1) {
            fail("usage: java -jar <service>.jar [--ready] [config-file]");
        }
        Path file = args.length == 1 ? Path.of(args[0]) : null;
        if (file != null && !Files.isRegularFile(file)) {
            fail("config file not found: " + args[0]);
        }
        try {
            PgapiServer running = start(ConfigSource.of(file, System.getenv()), api, true);
            Runtime.getRuntime().addShutdownHook(new Thread(running::close, "pgapi-shutdown"));
        } catch (ConfigException e) {
            fail(e.getMessage());
        }
    }

    /**
     * Starts the server for a configuration built in code; close it to stop the server and the pool. The routes of
     * every {@link UserRoutes} on the class path follow the generated ones. {@code NOTIFY} reloads apply the same
     * configuration again (clearing the token cache) and re-read the role settings.
     */
    public static PgapiServer start(RuntimeConfig config, Function<ApiRuntime, HttpFeature> api) {
        return start(ConfigSource.fixed(config), api, false);
    }

    /**
     * Starts the server for a configuration file and environment, with the in-database configuration and
     * {@code NOTIFY} reloads, as {@link #run} does (which also reloads on {@code SIGUSR1}/{@code SIGUSR2}).
     */
    public static PgapiServer start(ConfigSource source, Function<ApiRuntime, HttpFeature> api) {
        return start(source, api, false);
    }

    private static PgapiServer start(ConfigSource source, Function<ApiRuntime, HttpFeature> api, boolean signals) {
        quietJooq();
        warmUpHelidon();
        ApiRuntime runtime = ApiRuntime.create(source);
        RuntimeConfig config = runtime.config();
        HttpEdge edge = HttpEdge.create(config);
        Operations operations = Operations.create(config, runtime);
        var builder = WebServer.builder()
                .host(config.bindAddress())
                .port(config.serverPort())
                .update(edge::configure)
                .routing(routing -> {
                    operations.observe(routing);
                    routing.addFeature(api.apply(runtime));
                    for (UserRoutes user : ServiceLoader.load(UserRoutes.class)) {
                        user.routing(routing, runtime);
                    }
                });
        operations.configure(builder);
        WebServer server = builder.build().start();
        operations.started(server);
        return new PgapiServer(server, runtime, edge, operations, Reloader.start(runtime, signals));
    }

    /**
     * Sets up Helidon's service registry and mappers (the first routing builder does: class loading and service
     * discovery, about 40 % of a start's CPU) on another thread while this one opens the pool and reads the
     * configuration; the routing built afterwards finds them made, or waits for them.
     */
    private static void warmUpHelidon() {
        Thread.ofPlatform().name("pgapi-helidon-warm-up").daemon().start(() -> {
            try {
                HttpRouting.builder();
            } catch (RuntimeException e) {
                // the server's own routing meets the same failure and reports it
            }
        });
    }

    /** The port the server listens on (useful with {@code server-port = 0}). */
    public int port() {
        return server.port();
    }

    /** The admin server's port, or -1 without {@code admin-server-port}. */
    public int adminPort() {
        return runtime.config().operations().adminServerPort() == null ? -1 : server.port(Operations.ADMIN_SOCKET);
    }

    public ApiRuntime runtime() {
        return runtime;
    }

    /** PostgREST's reloads: what {@code SIGUSR2}/{@code NOTIFY} trigger, callable from code. */
    public Reloader reloader() {
        return reloader;
    }

    /**
     * Shuts down gracefully, PostgREST's way: readiness turns 503, the listeners close, in-flight requests finish
     * (within {@code server-shutdown-timeout}), then the pool closes.
     */
    @Override
    public void close() {
        reloader.close();
        operations.shutdown();
        server.stop();
        edge.close();
        runtime.close();
        operations.close();
    }

    /**
     * On first use jOOQ logs a banner, a tip of the day and a warning that the PostgreSQL version differs from the one
     * its dialect targets; none of them helps an operator. A system property set on the command line wins.
     */
    private static void quietJooq() {
        for (String property : List.of("org.jooq.no-logo", "org.jooq.no-tips")) {
            if (System.getProperty(property) == null) {
                System.setProperty(property, "true");
            }
        }
        String versionCheck = "org.jooq.log.org.jooq.impl.DefaultExecuteContext.logVersionSupport";
        if (System.getProperty(versionCheck) == null) {
            System.setProperty(versionCheck, "ERROR");
        }
    }

    private static void fail(String message) {
        System.err.println("pgapi: " + message.replace("\n", "\npgapi: "));
        System.exit(1);
    }
}
