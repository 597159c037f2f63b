package dev.pgapi.runtime.ops;

import dev.pgapi.runtime.config.RuntimeConfig.LogLevel;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How {@code log-level} applies. The service's log lines go through java.util.logging like the rest of Helidon, at
 * the level {@code log-level} sets for pgapi's loggers; the startup lines ({@value #SERVER}) are written at every
 * level. Access lines are not log records: they are written straight to standard output (see
 * {@link dev.pgapi.runtime.http.RequestObserver}).
 */
public final class Logs {

    /** The logger of startup lines. */
    public static final String SERVER = "dev.pgapi.server";

    /** Strong references: java.util.logging keeps configured loggers only weakly. */
    private static final Logger PGAPI = Logger.getLogger("dev.pgapi");

    private static final Logger SERVER_LOGGER = Logger.getLogger(SERVER);

    private Logs() {}

    /** Applies {@code log-level}; may be called again (tests start several servers in one JVM). */
    public static synchronized void configure(LogLevel level) {
        Level jul = switch (level) {
            case CRIT, ERROR -> Level.SEVERE;
            case WARN -> Level.WARNING;
            case INFO -> Level.INFO;
            case DEBUG -> Level.FINE;
        };
        PGAPI.setLevel(jul);
        SERVER_LOGGER.setLevel(Level.INFO);
        if (level == LogLevel.DEBUG) {
            for (Handler h : Logger.getLogger("").getHandlers()) {
                if (h.getLevel().intValue() > Level.FINE.intValue()) {
                    h.setLevel(Level.FINE);
                }
            }
        }
    }

    /** The lowest status whose access line {@code log-level} shows, PostgREST's rule; above 599 shows none. */
    public static int accessLogFrom(LogLevel level) {
        return switch (level) {
            case CRIT -> 600;
            case ERROR -> 500;
            case WARN -> 400;
            case INFO, DEBUG -> 0;
        };
    }
}
