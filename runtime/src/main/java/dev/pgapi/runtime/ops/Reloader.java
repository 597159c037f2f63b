package dev.pgapi.runtime.ops;

import dev.pgapi.runtime.config.ReloadConfig;
import dev.pgapi.runtime.http.ApiRuntime;
import dev.pgapi.runtime.query.Sql;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * PostgREST's reloads while the service runs: {@code SIGUSR2} and {@code NOTIFY pgrst, 'reload config'} re-read the
 * configuration ({@link ApiRuntime#reloadConfig}) and the role settings; {@code SIGUSR1} and {@code NOTIFY pgrst, 'reload schema'} (or an
 * empty payload) re-read the role settings ({@link ApiRuntime#reloadSchema}).
 *
 * <p>The listener holds one connection of its own outside the pool ({@code db-channel}, unless
 * {@code db-channel-enabled = false}). When that connection is lost it reconnects with a growing pause and then
 * reloads both, as PostgREST does, because notifications sent meanwhile are lost. It also retries reading the
 * in-database configuration while startup could not ({@link ApiRuntime#configured}). Reloads run one at a time on
 * a thread of their own, never on the signal or listener thread.
 */
public final class Reloader implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Reloader.class.getName());
    private static final long FIRST_RETRY_MILLIS = 250;
    private static final long MAX_RETRY_MILLIS = 5_000;
    /** How long the listener waits for a notification before it checks that it should go on. */
    private static final int POLL_MILLIS = 1_000;

    private final ApiRuntime runtime;
    private final ReloadConfig config;
    private final ExecutorService reloads = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("pgapi-reload").factory());
    private volatile boolean closed;
    private Thread listener;

    private Reloader(ApiRuntime runtime) {
        this.runtime = runtime;
        this.config = runtime.config().reload();
    }

    /**
     * Starts the listener (or, without it, the retry of a startup that could not read the in-database configuration).
     *
     * @param signals also reload on {@code SIGUSR1}/{@code SIGUSR2}: only for the service's own process, since a
     *                signal has one handler per process
     */
    public static Reloader start(ApiRuntime runtime, boolean signals) {
        var reloader = new Reloader(runtime);
        if (signals) {
            reloader.handleSignal("USR1", reloader::reloadSchema);
            reloader.handleSignal("USR2", reloader::reloadConfig);
        }
        if (reloader.config.dbChannelEnabled()) {
            reloader.listener = Thread.ofVirtual().name("pgapi-listener").start(reloader::listen);
        } else if (!runtime.configured()) {
            reloader.listener = Thread.ofVirtual().name("pgapi-config-retry").start(reloader::retryUntilConfigured);
        }
        return reloader;
    }

    /** Queues PostgREST's {@code reload config}, and a fresh read of the role settings with it. */
    public void reloadConfig() {
        submit(runtime::reloadConfig);
        submit(runtime::reloadSchema);
    }

    /** Queues PostgREST's {@code reload schema}. */
    public void reloadSchema() {
        submit(runtime::reloadSchema);
    }

    private void submit(Runnable reload) {
        if (!closed) {
            reloads.execute(reload);
        }
    }

    private void listen() {
        long retry = FIRST_RETRY_MILLIS;
        boolean connectedBefore = false;
        boolean warned = false;
        while (!closed) {
            try (Connection c = runtime.database().openConnectionBypassingRls();
                    Statement st = c.createStatement()) {
                // the channel name comes from the configuration, quoted as an identifier
                st.execute("LISTEN " + Sql.quoteIdent(config.dbChannel()));
                LOG.log(System.Logger.Level.INFO, "listening for reloads on channel \"" + config.dbChannel() + "\"");
                retry = FIRST_RETRY_MILLIS;
                warned = false;
                if (connectedBefore || !runtime.configured()) {
                    // notifications sent while the listener was away are lost
                    reloadConfig();
                }
                connectedBefore = true;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    if (!runtime.configured()) {
                        reloadConfig();
                    }
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    for (PGNotification n : notifications == null ? new PGNotification[0] : notifications) {
                        dispatch(n.getParameter());
                    }
                }
            } catch (SQLException e) {
                if (closed) {
                    return;
                }
                if (!warned) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "reload listener lost its connection (" + e.getMessage() + "); reconnecting");
                    warned = true;
                }
                if (!pause(retry)) {
                    return;
                }
                retry = Math.min(retry * 2, MAX_RETRY_MILLIS);
            }
        }
    }

    /** PostgREST's payloads; others are ignored (the channel may be shared). */
    private void dispatch(String payload) {
        switch (payload) {
            case "reload config" -> reloadConfig();
            case "reload schema", "" -> reloadSchema();
            default -> LOG.log(System.Logger.Level.DEBUG, "ignoring notification \"" + payload + "\"");
        }
    }

    private void retryUntilConfigured() {
        long retry = FIRST_RETRY_MILLIS;
        while (!closed && !runtime.configured()) {
            if (!runtime.reloadConfig() && !pause(retry)) {
                return;
            }
            retry = Math.min(retry * 2, MAX_RETRY_MILLIS);
        }
    }

    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /**
     * Installs a handler through {@code sun.misc.Signal}, the JDK's only signal API (module {@code jdk.unsupported}),
     * by reflection: compiling against it directly gives a warning no annotation suppresses, and the build treats
     * warnings as errors.
     */
    private void handleSignal(String name, Runnable action) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance(name);
            Object handler = Proxy.newProxyInstance(
                    handlerClass.getClassLoader(),
                    new Class<?>[] {handlerClass},
                    (proxy, method, args) -> onSignal(proxy, method, args, action));
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot handle SIG" + name + " (" + e + "); use NOTIFY to reload");
        }
    }

    private static Object onSignal(Object proxy, Method method, Object[] args, Runnable action) {
        return switch (method.getName()) {
            case "handle" -> {
                action.run();
                yield null;
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> "pgapi signal handler";
        };
    }

    @Override
    public void close() {
        closed = true;
        if (listener != null) {
            listener.interrupt();
        }
        reloads.shutdownNow();
    }
}
