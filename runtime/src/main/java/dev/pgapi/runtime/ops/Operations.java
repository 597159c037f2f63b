package dev.pgapi.runtime.ops;

import dev.pgapi.runtime.config.OperationsConfig;
import dev.pgapi.runtime.config.RuntimeConfig;
import dev.pgapi.runtime.http.ApiRuntime;
import dev.pgapi.runtime.http.RequestObserver;
import io.helidon.common.Weighted;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything for operating a running service, next to the API: the admin server ({@code /live}, {@code /ready},
 * {@code /metrics}) on a second socket of the same web server, the request metrics and access log, tracing, the
 * startup lines, and the order of a graceful shutdown.
 */
public final class Operations implements AutoCloseable {

    /** The name of the admin server's socket. */
    public static final String ADMIN_SOCKET = "admin";

    private static final Logger LOG = Logger.getLogger(Logs.SERVER);

    private final RuntimeConfig config;
    private final OperationsConfig ops;
    private final ApiRuntime runtime;
    /** Null without the admin server: nothing would read them, and the JVM's meters cost startup time. */
    private final Metrics metrics;

    private final Readiness readiness;
    private final Tracing tracing;

    private Operations(RuntimeConfig config, ApiRuntime runtime) {
        this.config = config;
        this.ops = config.operations();
        this.runtime = runtime;
        this.metrics = ops.adminServerPort() == null ? null : Metrics.create(runtime);
        this.readiness = new Readiness(runtime);
        this.tracing = Tracing.create(ops.tracing());
    }

    /** Applies {@code log-level} and prepares the metrics of {@code runtime} and, when enabled, tracing. */
    public static Operations create(RuntimeConfig config, ApiRuntime runtime) {
        Logs.configure(config.logLevel());
        return new Operations(config, runtime);
    }

    /**
     * Adds the admin socket (with {@code admin-server-port}) and the shutdown bound to the server being built. The
     * server's own shutdown hook is off: {@link #shutdown} orders the steps.
     */
    public void configure(WebServerConfig.Builder server) {
        Duration grace = Duration.ofSeconds(ops.shutdownTimeout());
        server.shutdownHook(false).shutdownGracePeriod(grace);
        if (ops.adminServerPort() != null) {
            server.putSocket(
                    ADMIN_SOCKET,
                    socket -> socket.host(ops.adminBindAddress())
                            .port(ops.adminServerPort())
                            .shutdownGracePeriod(grace)
                            .routing(routing -> AdminRoutes.install(routing, readiness, metrics)));
        }
    }

    /**
     * Installs the request metrics and access log as a feature that weighs more than the API's (Helidon runs the
     * filters of heavier features first), so that requests the API filter rejects are counted and logged too; and,
     * when enabled, the request spans (see {@link Tracing}).
     */
    public void observe(HttpRouting.Builder routing) {
        var observer = new RequestObserver(metrics, Logs.accessLogFrom(config.logLevel()), ops.logQuery());
        routing.addFeature(new ObserverFeature(observer));
        tracing.observe(routing);
    }

    private record ObserverFeature(RequestObserver observer) implements HttpFeature, Weighted {
        @Override
        public void setup(HttpRouting.Builder routing) {
            routing.addFilter(observer);
        }

        @Override
        public double weight() {
            return 1000;
        }
    }

    /** Writes the startup lines; PostgreSQL's version follows once the database answers. */
    public void started(WebServer server) {
        LOG.info("Starting pgapi " + version() + "...");
        LOG.info("Connection pool of at most " + config.dbPool() + " connections");
        LOG.info("Listening on port " + server.port());
        if (ops.adminServerPort() != null) {
            LOG.info("Admin server listening on port " + server.port(ADMIN_SOCKET));
        }
        if (tracing.enabled()) {
            LOG.info("Tracing requests with OpenTelemetry");
        }
        Thread.ofVirtual().name("pgapi-server-version").start(this::logServerVersion);
    }

    /**
     * The first steps of a graceful shutdown: {@code /ready} answers 503 from now on, then requests are still
     * served for {@code server-shutdown-wait-period} seconds (load balancers take the instance out meanwhile).
     * Closing the server afterwards lets in-flight requests finish within {@code server-shutdown-timeout}.
     */
    public void shutdown() {
        readiness.shuttingDown();
        if (ops.shutdownWaitPeriod() > 0) {
            try {
                Thread.sleep(Duration.ofSeconds(ops.shutdownWaitPeriod()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
        tracing.close();
    }

    private void logServerVersion() {
        try (Connection c =
                        runtime.database().authenticatorDataSourceBypassingRls().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW server_version")) {
            rs.next();
            LOG.info("Connected to PostgreSQL " + rs.getString(1));
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "The database is not reachable yet: " + e.getMessage());
        }
    }

    /** pgapi's version, from the build. */
    static String version() {
        try (InputStream in = Operations.class.getResourceAsStream("version.properties")) {
            var props = new Properties();
            if (in != null) {
                props.load(in);
            }
            return props.getProperty("version", "(unknown version)");
        } catch (IOException e) {
            return "(unknown version)";
        }
    }
}
