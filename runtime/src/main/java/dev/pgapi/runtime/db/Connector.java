package dev.pgapi.runtime.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Where the pool's connections come from: the PostgreSQL driver, with every outcome reported to
 * {@link Reachability}. While the database is known to be down, the pool's attempts wait here until the probe has
 * seen it back: a failing attempt would put the pool's connection filler into its own back-off (up to the
 * acquisition timeout), which would delay the first connection after an outage by seconds.
 */
final class Connector implements DataSource {

    private static final Driver DRIVER = new org.postgresql.Driver();

    private final String url;
    private final Properties properties;
    private final Reachability reachability;

    Connector(String url, Properties properties, Reachability reachability) {
        this.url = url;
        this.properties = properties;
        this.reachability = reachability;
    }

    /** A new connection, straight from the driver (the probe's). */
    Connection open() throws SQLException {
        Connection c = DRIVER.connect(url, properties);
        if (c == null) {
            throw new SQLException("Not a PostgreSQL JDBC URL: " + url, "08001");
        }
        return c;
    }

    /** A new connection whose connecting and statements each give up after {@code timeoutSeconds}. */
    Connection open(int timeoutSeconds) throws SQLException {
        var bounded = new Properties();
        bounded.putAll(properties);
        bounded.setProperty("connectTimeout", Integer.toString(timeoutSeconds));
        bounded.setProperty("socketTimeout", Integer.toString(timeoutSeconds));
        bounded.setProperty("loginTimeout", Integer.toString(timeoutSeconds));
        Connection c = DRIVER.connect(url, bounded);
        if (c == null) {
            throw new SQLException("Not a PostgreSQL JDBC URL: " + url, "08001");
        }
        return c;
    }

    @Override
    public Connection getConnection() throws SQLException {
        reachability.awaitNotDown();
        try {
            return open();
        } catch (SQLException e) {
            reachability.failed(e);
            throw e;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the credentials are part of the connector's properties");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // the driver logs through java.util.logging
    }

    @Override
    public void setLoginTimeout(int seconds) {
        properties.setProperty("loginTimeout", Integer.toString(seconds));
    }

    @Override
    public int getLoginTimeout() {
        return Integer.parseInt(properties.getProperty("loginTimeout", "0"));
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
