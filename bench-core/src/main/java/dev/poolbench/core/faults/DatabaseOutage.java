package dev.poolbench.core.faults;

import dev.poolbench.core.db.Database;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.results.Faults;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The database goes away mid-run and comes back, as in a restart or failover: every connection is
 * cut and new ones are refused for {@code outage}. What does each pool do during it, and how soon
 * after the database returns does it serve again, on its own, without a restart? This is where
 * seed 004's {@code pool_pre_ping} ("ensure connection health") earns its round trip, or not. What it
 * measures is a {@link Faults.Outage}.
 */
public final class DatabaseOutage {

    /** When the outage happens. */
    public enum When {
        /** Requests keep coming while the database is away. */
        UNDER_LOAD,
        /** The database restarts while the application is idle; requests resume once it is back. */
        WHILE_IDLE
    }

    private DatabaseOutage() {
    }

    public static Faults.Outage run(Database database, PoolSettings settings, int rows, Duration outage, When when)
            throws SQLException, InterruptedException {
        try (FaultRun run = new FaultRun(database, settings, rows, Map.of())) {
            FaultRun.sleep(Duration.ofSeconds(1));
            if (when == When.WHILE_IDLE) {
                run.traffic.pause();
            }
            long down = System.nanoTime();
            run.proxy.down();
            FaultRun.sleep(outage);
            long up = System.nanoTime();
            run.proxy.up();
            run.traffic.resume();
            boolean recovered = run.awaitHealthy(up, Duration.ofSeconds(1), Duration.ofSeconds(15));
            int hung = run.traffic.stop(settings.poolTimeout().plusSeconds(5));
            List<Traffic.Call> calls = run.traffic.calls();

            List<Traffic.Call> during = calls.stream().filter(c -> c.end() >= down && c.start() <= up).toList();
            Long firstSuccess = calls.stream().filter(c -> c.ok() && c.end() > up)
                    .mapToLong(c -> (c.end() - up) / 1_000_000).min().stream().boxed().findFirst().orElse(null);
            return new Faults.Outage(run.pool.settings().label(), dev.poolbench.core.config.Settings.spelling(when),
                    settings.prePing(), outage.toMillis(),
                    FaultRun.count(calls, c -> c.end() < down),
                    FaultRun.count(calls, c -> c.end() < down && !c.ok()),
                    during.size(),
                    FaultRun.count(during, c -> !c.ok()),
                    during.stream().mapToLong(Traffic.Call::millis).max().orElse(0),
                    FaultRun.count(calls, c -> c.start() >= up && !c.ok()),
                    firstSuccess, recovered, hung,
                    FaultRun.errors(calls));
        }
    }
}
