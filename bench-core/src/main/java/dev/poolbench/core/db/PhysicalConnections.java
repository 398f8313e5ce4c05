package dev.poolbench.core.db;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens real PostgreSQL connections (one TCP connection and one server backend each) and counts
 * them: how many were opened, closed, failed to open, and failed a validity check. Every pool
 * strategy draws its connections from one of these, so "connections opened so far" means the same
 * thing for all of them. It is also a plain {@link DataSource}, which is how HikariCP is fed.
 *
 * <p>Each connection carries an {@code ApplicationName}, which is how {@code pg_stat_activity}
 * tells the harness's backends from everyone else's.
 */
public final class PhysicalConnections extends SimpleDataSource {

    /** What {@link #ping} sends: SQLAlchemy's pre-ping statement for PostgreSQL. */
    public static final String PING = "SELECT 1";

    /** pgjdbc's default; a connect that takes longer than this fails rather than hangs. */
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

    private static final Driver PGJDBC = new org.postgresql.Driver();

    private final Driver driver;
    private final String url;
    private final Properties properties;
    private final String applicationName;
    private final String password;
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong closed = new AtomicLong();
    private final AtomicLong failedOpens = new AtomicLong();
    private final AtomicLong validationFailures = new AtomicLong();

    PhysicalConnections(String url, String user, String password, String applicationName, Map<String, String> extra) {
        this(PGJDBC, url, user, password, applicationName, extra);
    }

    private PhysicalConnections(Driver driver, String url, String user, String password, String applicationName,
                                Map<String, String> extra) {
        this.driver = driver;
        this.url = url;
        this.applicationName = applicationName;
        this.password = password;
        this.properties = new Properties();
        properties.setProperty("user", user);
        if (!password.isEmpty()) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("connectTimeout", Integer.toString(DEFAULT_CONNECT_TIMEOUT_SECONDS));
        extra.forEach(properties::setProperty);
    }

    /** Connections like these with more pgjdbc properties (e.g. {@code reWriteBatchedInserts=true}); fresh counters. */
    public PhysicalConnections with(Map<String, String> moreProperties) {
        Map<String, String> extra = new java.util.HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (!name.equals("user") && !name.equals("password")) {
                extra.put(name, properties.getProperty(name));
            }
        }
        extra.putAll(moreProperties);
        return new PhysicalConnections(driver, url, properties.getProperty("user"), password,
                extra.getOrDefault("ApplicationName", applicationName), extra);
    }

    /**
     * Connections from another JDBC driver, counted the same way: how the overhead benchmark feeds every pool its
     * stub driver's connections, which reach no server.
     */
    public static PhysicalConnections through(Driver driver, String url, String applicationName) {
        return new PhysicalConnections(driver, url, "poolbench", "", applicationName, Map.of());
    }

    public String applicationName() {
        return applicationName;
    }

    /** Opens a new physical connection. The caller owns it; closing it closes the backend. */
    public Connection open() throws SQLException {
        Connection connection;
        try {
            connection = driver.connect(url, properties);
        } catch (SQLException e) {
            failedOpens.incrementAndGet();
            // a server may quote the connection string back; never let a password through
            throw new SQLException(Redaction.mask(e.getMessage(), password), e.getSQLState(), e.getErrorCode());
        }
        if (connection == null) {
            failedOpens.incrementAndGet();
            throw new SQLException((driver == PGJDBC ? "pgjdbc" : driver.getClass().getSimpleName())
                    + " does not accept the URL " + Redaction.jdbcUrl(url));
        }
        opened.incrementAndGet();
        return new CountedConnection(connection);
    }

    public long opened() {
        return opened.get();
    }

    public long closed() {
        return closed.get();
    }

    public long failedOpens() {
        return failedOpens.get();
    }

    public long validationFailures() {
        return validationFailures.get();
    }

    /**
     * SQLAlchemy's pre-ping ({@code do_ping}): {@code SELECT 1} on {@code connection}, one round trip, within
     * {@code timeoutSeconds} of silence from the server. False (and counted as a validation failure) if it fails.
     */
    public boolean ping(Connection connection, int timeoutSeconds) {
        try {
            int saved = connection.getNetworkTimeout();
            connection.setNetworkTimeout(Runnable::run, timeoutSeconds * 1000);
            try (Statement s = connection.createStatement()) {
                s.execute(PING);
            } finally {
                connection.setNetworkTimeout(Runnable::run, saved);
            }
            return true;
        } catch (SQLException e) {
            validationFailures.incrementAndGet();
            return false;
        }
    }

    /** Connections opened and not yet closed by anyone. */
    public long stillOpen() {
        return opened.get() - closed.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return open();
    }

    /**
     * pgjdbc's {@code connectTimeout} these connections carry. HikariCP waits this long at shutdown for a
     * connection it is still opening; with 0 it would not wait at all, and warn at every close.
     */
    @Override
    public int getLoginTimeout() {
        return Integer.parseInt(properties.getProperty("connectTimeout"));
    }

    @Override
    public String toString() {
        return "PhysicalConnections[" + Redaction.jdbcUrl(url) + " as " + applicationName + "]";
    }

    /** Counts its close and its failed validity checks; forwards everything else. */
    private final class CountedConnection extends ForwardingConnection {

        private boolean counted;

        CountedConnection(Connection delegate) {
            super(delegate);
        }

        @Override
        public void close() throws SQLException {
            try {
                delegate.close();
            } finally {
                if (!counted) {
                    counted = true;
                    closed.incrementAndGet();
                }
            }
        }

        @Override
        public boolean isValid(int timeoutSeconds) throws SQLException {
            boolean valid;
            try {
                valid = delegate.isValid(timeoutSeconds);
            } catch (SQLException | RuntimeException e) {
                validationFailures.incrementAndGet();
                throw e;
            }
            if (!valid) {
                validationFailures.incrementAndGet();
            }
            return valid;
        }
    }
}
