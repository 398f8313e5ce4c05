package dev.poolbench.load.service.store;

/**
 * What the server says of one of the store's own connections ({@code GET /api/health/session}): its backend's
 * process id (to find it in {@code pg_stat_activity}), its application name and its session's {@code jit}.
 */
public record Session(int backendPid, String applicationName, String jit) {

    /** The one query that asks the server; the same for JDBC and vertx-pg-client. */
    static final String QUERY = "SELECT pg_backend_pid(), current_setting('application_name'), current_setting('jit')";
}
