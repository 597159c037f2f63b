package dev.pgapi.runtime.ops;

import dev.pgapi.runtime.config.RuntimeConfig.LogLevel;
import java.io.PrintStream;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Where the service's log lines go, through java.util.logging like the rest of Helidon: {@code log-level} sets the
 * level of pgapi's loggers; the access log ({@value #ACCESS}) writes bare lines to standard output, as PostgREST
 * does, and nowhere else; the startup lines ({@value #SERVER}) are written at every level.
 */
public final class Logs {

    /** The logger of access lines and, with {@code log-query}, the SQL of failed requests. */
    public static final String ACCESS = "dev.pgapi.access";
    /** The logger of startup and shutdown lines. */
    public static final String SERVER = "dev.pgapi.server";

    /** Strong references: java.util.logging keeps configured loggers only weakly. */
    private static final Logger PGAPI = Logger.getLogger("dev.pgapi");
    private static final Logger ACCESS_LOGGER = Logger.getLogger(ACCESS);
    private static final Logger SERVER_LOGGER = Logger.getLogger(SERVER);
    private static final Handler STDOUT = new StdoutHandler(System.out);

    private Logs() {
    }

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
        ACCESS_LOGGER.setLevel(Level.INFO);
        ACCESS_LOGGER.setUseParentHandlers(false);
        if (ACCESS_LOGGER.getHandlers().length == 0) {
            ACCESS_LOGGER.addHandler(STDOUT);
        }
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

    /** Each record's message on a line of its own, flushed at once; closing leaves standard output open. */
    private static final class StdoutHandler extends StreamHandler {
        StdoutHandler(PrintStream out) {
            super(out, new Formatter() {
                @Override
                public String format(LogRecord record) {
                    return record.getMessage() + System.lineSeparator();
                }
            });
            setLevel(Level.ALL);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            super.publish(record);
            flush();
        }

        @Override
        public synchronized void close() {
            flush();
        }
    }
}
