package dev.poolbench.core.faults;

import dev.poolbench.core.db.Database;
import dev.poolbench.core.db.HarnessSchema;
import dev.poolbench.core.pool.ConnectionPool;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.results.Faults;
import dev.poolbench.core.pool.Pools;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Do concurrent requests keep their transactions to themselves? Seed 000's "single connection reuse"
 * (StaticPool) lends one connection to every request at once, and a connection has one transaction. Here each
 * writing request borrows a connection, inserts one row in a transaction, and commits or rolls back as it
 * decides (every other request rolls back); reading requests only look and give their connection back. Then
 * the rows are counted: a committed row that is missing is a write lost, a rolled-back row that is there was
 * wrongly kept. A pool that lends a connection to one borrower at a time must show 0 and 0.
 */
public final class LostWrites {

    static final String TABLE = HarnessSchema.NAME + ".lost_writes_probe";

    private LostWrites() {
    }

    /** {@code writers} and {@code readers} concurrent callers share {@code requests} writing requests' time. */
    public static Faults.LostWrites run(Database database, PoolSettings settings, int writers, int readers, int requests)
            throws SQLException, InterruptedException {
        String probe = UUID.randomUUID().toString();
        prepare(database);
        Set<Integer> committed = ConcurrentHashMap.newKeySet();
        Set<Integer> rolledBack = ConcurrentHashMap.newKeySet();
        Map<String, Integer> errors = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        try (ConnectionPool pool = Pools.create(settings, database.connections("poolbench-fault-lost-writes"))) {
            ExecutorService callers = Executors.newFixedThreadPool(writers + readers);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    running.add(callers.submit(() -> {
                        for (int request = next.getAndIncrement(); request < requests; request = next.getAndIncrement()) {
                            boolean commit = request % 2 == 0;
                            try {
                                write(pool, probe, request, commit);
                                (commit ? committed : rolledBack).add(request);
                            } catch (SQLException e) {
                                errors.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1, Integer::sum);
                            }
                        }
                    }));
                }
                for (int r = 0; r < readers; r++) {
                    running.add(callers.submit(() -> {
                        while (next.get() < requests) {
                            try {
                                read(pool, probe);
                            } catch (SQLException e) {
                                errors.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1, Integer::sum);
                            }
                        }
                    }));
                }
                for (Future<?> caller : running) {
                    caller.get(2, TimeUnit.MINUTES);
                }
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the lost-writes probe's callers did not finish: " + e, e);
            } finally {
                callers.shutdownNow();
            }
        }
        Set<Integer> present = present(database, probe);
        long lost = committed.stream().filter(r -> !present.contains(r)).count();
        long kept = rolledBack.stream().filter(present::contains).count();
        List<String> sample = errors.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(3)
                .map(e -> e.getValue() + " x " + e.getKey()).collect(Collectors.toList());
        return new Faults.LostWrites(settings.label(), writers, readers, requests, committed.size(), rolledBack.size(), lost, kept,
                errors.values().stream().mapToLong(Integer::longValue).sum(), sample);
    }

    /** One writing request: a row in a transaction, then commit or rollback, as a request handler would. */
    private static void write(ConnectionPool pool, String probe, int request, boolean commit) throws SQLException {
        try (Connection c = pool.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (probe, request) VALUES (?, ?)")) {
                ps.setString(1, probe);
                ps.setInt(2, request);
                ps.executeUpdate();
            }
            // the request's own work between its write and its decision
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_sleep(0.001)");
            }
            if (commit) {
                c.commit();
            } else {
                c.rollback();
            }
        } // the pool's reset on return puts the connection back in autocommit
    }

    /** One reading request: a look at the table; its return runs the pool's reset. */
    private static void read(ConnectionPool pool, String probe) throws SQLException {
        try (Connection c = pool.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + TABLE + " WHERE probe = ?")) {
            ps.setString(1, probe);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
    }

    private static void prepare(Database database) throws SQLException {
        try (Connection c = database.connect("poolbench-fault-lost-writes-admin")) {
            HarnessSchema.ensure(c);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (probe text NOT NULL, request int NOT NULL)");
            }
        }
    }

    private static Set<Integer> present(Database database, String probe) throws SQLException {
        Set<Integer> present = new HashSet<>();
        try (Connection c = database.connect("poolbench-fault-lost-writes-admin")) {
            try (PreparedStatement ps = c.prepareStatement("SELECT request FROM " + TABLE + " WHERE probe = ?")) {
                ps.setString(1, probe);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        present.add(rs.getInt(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE probe = ?")) {
                ps.setString(1, probe);
                ps.executeUpdate();
            }
        }
        return present;
    }
}
