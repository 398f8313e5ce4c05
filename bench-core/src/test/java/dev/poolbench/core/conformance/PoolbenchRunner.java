package dev.poolbench.core.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolbench.core.db.Database;
import dev.poolbench.core.pool.ConnectionPool;
import dev.poolbench.core.pool.PoolExhaustedException;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import dev.poolbench.core.pool.Pools;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs a conformance scenario through poolbench's own strategies, as the service's code would use them. */
final class PoolbenchRunner {

    private static final Set<String> ON_A_CONNECTION = Set.of("return", "pid", "query", "begin", "insert", "commit", "rollback");

    private final Database database;
    private final ServerSide server;
    private final String run;

    /** @param database the server as the pools reach it (through the proxy the scenarios can take down) */
    PoolbenchRunner(Database database, ServerSide server, String run) {
        this.database = database;
        this.server = server;
        this.run = run;
    }

    /** SQLAlchemy's pool class and arguments as poolbench's settings: QueuePool is queue, StaticPool static, NullPool none. */
    static PoolSettings settings(JsonNode pool) {
        PoolStrategy strategy = switch (pool.get("class").asText()) {
            case "QueuePool" -> PoolStrategy.QUEUE;
            case "StaticPool" -> PoolStrategy.STATIC;
            case "NullPool" -> PoolStrategy.NONE;
            default -> throw new IllegalArgumentException("no poolbench strategy for " + pool.get("class"));
        };
        PoolSettings settings = PoolSettings.of(strategy)
                .withPoolSize(pool.path("pool_size").asInt(5))
                .withMaxOverflow(pool.path("max_overflow").asInt(10))
                .withPoolTimeout(seconds(pool.path("timeout").asDouble(30)))
                .withPrePing(pool.path("pre_ping").asBoolean(false))
                .withLifo(pool.path("use_lifo").asBoolean(false));
        double recycle = pool.path("recycle").asDouble(-1);
        return recycle < 0 ? settings : settings.withRecycle(seconds(recycle));
    }

    List<Observation> run(Scenario scenario, int number) throws SQLException, InterruptedException {
        String application = "pb-conformance-poolbench-" + run + "-" + number;
        server.start(application);
        Map<String, Connection> connections = new HashMap<>();
        Map<String, Integer> pids = new HashMap<>();
        List<Observation> observations = new ArrayList<>();
        try (ConnectionPool pool = Pools.create(settings(scenario.pool()), database.connections(application))) {
            for (Scenario.Step step : scenario.steps()) {
                long started = System.nanoTime();
                Observation seen = run(step, pool, connections, pids);
                observations.add(step.timed()
                        ? new Observation(seen.value(), seen.pid(), (System.nanoTime() - started) / 1_000_000, seen.message())
                        : seen);
            }
        } finally {
            for (Connection c : connections.values()) {
                try {
                    c.close();
                } catch (SQLException e) {
                    // a connection the scenario broke; the pool is being closed anyway
                }
            }
        }
        return observations;
    }

    private Observation run(Scenario.Step step, ConnectionPool pool, Map<String, Connection> connections,
                            Map<String, Integer> pids) throws SQLException, InterruptedException {
        String name = step.name();
        Connection c = connections.get(name);
        if (ON_A_CONNECTION.contains(step.action()) && c == null) {
            return Observation.of("no connection"); // its checkout failed earlier in the scenario
        }
        try {
            switch (step.action()) {
                case "checkout" -> connections.put(name, pool.dataSource().getConnection());
                case "return" -> connections.remove(name).close();
                case "pid" -> {
                    pids.put(name, pid(c));
                    return new Observation("pid", pids.get(name), null, null);
                }
                case "query" -> selectOne(c);
                case "begin" -> c.setAutoCommit(false);
                case "insert" -> insert(c, step.row());
                case "commit" -> c.commit();
                case "rollback" -> c.rollback();
                case "sleep" -> Thread.sleep(step.subject().asLong());
                default -> {
                    return Observation.of(server.run(step, pids.get(name)));
                }
            }
            return Observation.of("ok");
        } catch (SQLException e) {
            return new Observation(errorClass(e), null, null, step.message() ? e.getMessage() : null);
        }
    }

    /** The words the Python runner uses for SQLAlchemy's exceptions, from the SQLSTATE pgjdbc gives. */
    static String errorClass(SQLException e) {
        if (e instanceof PoolExhaustedException) {
            return "pool-timeout";
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("08001") || state.equals("08004")) {
            return "connect-failed";
        }
        if (state.startsWith("08") || state.startsWith("57P")) {
            return "disconnect";
        }
        return "error: " + e.getClass().getSimpleName() + " " + state;
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void selectOne(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
        }
    }

    private static void insert(Connection c, String row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + ServerSide.TABLE + " (row) VALUES (?)")) {
            ps.setString(1, row);
            ps.executeUpdate();
        }
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
