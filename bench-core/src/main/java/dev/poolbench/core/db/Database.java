package dev.poolbench.core.db;

import dev.poolbench.core.config.Settings;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running PostgreSQL that poolbench may use: where it is, who to connect as, and how to stop
 * whatever poolbench started for it. Closing a database poolbench started (a container, an embedded
 * server) stops it; closing an external one only forgets it. A JVM that exits without closing it
 * (Ctrl-C) still stops it, through a shutdown hook.
 */
public final class Database implements AutoCloseable {

    private final DatabaseProvider provider;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String description;
    private final AutoCloseable server;
    private final LatencyProxy proxy;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    Database(DatabaseProvider provider, String jdbcUrl, String user, String password, String description,
             AutoCloseable server) {
        this(provider, jdbcUrl, user, password, description, server, null);
    }

    private Database(DatabaseProvider provider, String jdbcUrl, String user, String password, String description,
                     AutoCloseable server, LatencyProxy proxy) {
        this.provider = provider;
        this.proxy = proxy;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.description = description;
        this.server = server;
        this.shutdownHook = new Thread(this::stopServer, "poolbench-db-shutdown");
        if (server != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    public DatabaseProvider provider() {
        return provider;
    }

    /** The JDBC URL as the driver needs it; print {@link Redaction#jdbcUrl} of it, not it. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    /** The password, for drivers only: nothing poolbench prints or writes contains it. */
    public String password() {
        return password;
    }

    /** One line for logs and reports, e.g. "embedded PostgreSQL (zonky, 17.11.0) on localhost:34211"; no secrets. */
    public String description() {
        return description;
    }

    /** The round-trip proxy in front of the server, when there is one ({@code bench.db.rtt}). */
    public Optional<LatencyProxy> proxy() {
        return Optional.ofNullable(proxy);
    }

    /**
     * This database as seen through a {@link LatencyProxy} adding {@code rtt} to every round trip.
     * Closing the result closes the proxy, and this database too when {@code owned}.
     */
    public Database throughProxy(Duration rtt, boolean owned) {
        JdbcUrl target = JdbcUrl.parse(jdbcUrl);
        LatencyProxy latency = LatencyProxy.start(target.host(), target.port(), rtt);
        String url = target.withHostAndPort(latency.host(), latency.port());
        AutoCloseable stop = owned ? () -> { latency.close(); close(); } : latency::close;
        return new Database(provider, url, user, password,
                description + ", through a " + rtt.toMillis() + " ms round-trip proxy", stop, latency);
    }

    /** Physical connections labelled {@code applicationName} in {@code pg_stat_activity}. */
    public PhysicalConnections connections(String applicationName) {
        return new PhysicalConnections(jdbcUrl, user, password, applicationName, Map.of());
    }

    /** One direct connection for harness housekeeping (schema, seeding, probes). */
    public Connection connect(String applicationName) throws SQLException {
        return connections(applicationName).open();
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or will run; stopServer is idempotent
            }
        }
        stopServer();
    }

    private void stopServer() {
        if (closed.getAndSet(true) || server == null) {
            return;
        }
        try {
            server.close();
        } catch (Exception e) {
            System.err.println("poolbench: could not stop " + description + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return Settings.spelling(provider) + ": " + description;
    }
}
