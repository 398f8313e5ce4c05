package dev.poolbench.core.faults;

import dev.poolbench.core.db.Database;
import dev.poolbench.core.pool.ConnectionPool;
import dev.poolbench.core.pool.LeakReport;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.Pools;
import dev.poolbench.results.Faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Code that borrows a connection and never gives it back: the seeds' "session leaks" (seed 004) and
 * "connection leak detection" (seed 002). With leakThreshold set, the pool must report it and name
 * the code path that borrowed the connection: a {@link Faults.Leak}.
 */
public final class ConnectionLeak {

    private ConnectionLeak() {
    }

    public static Faults.Leak run(Database database, PoolSettings settings) throws SQLException, InterruptedException {
        try (ConnectionPool pool = Pools.create(settings, database.connections("poolbench-fault-leak"))) {
            List<Connection> leaked = new ArrayList<>();
            long borrowed = System.nanoTime();
            leaked.add(LeakyReport.countTodos(pool.dataSource()));
            long deadline = borrowed + settings.leakThreshold().plusSeconds(3).toNanos();
            while (pool.leaks().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Long detectedAfter = pool.leaks().isEmpty() ? null : (System.nanoTime() - borrowed) / 1_000_000;
            int active = pool.stats().active();
            List<LeakReport> reports = pool.leaks();
            for (Connection c : leaked) {
                c.close();
            }
            return new Faults.Leak(pool.settings().label(), settings.leakThreshold().toMillis(), leaked.size(), reports.size(),
                    reports.isEmpty() ? null : reports.get(0).culprit(), detectedAfter, active);
        }
    }

    /** The leaking code path: runs its query and forgets to close the connection. */
    static final class LeakyReport {

        private LeakyReport() {
        }

        static Connection countTodos(DataSource dataSource) throws SQLException {
            Connection connection = dataSource.getConnection();
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                rs.next();
            }
            return connection; // never closed here: the bug this scenario is about
        }
    }
}
