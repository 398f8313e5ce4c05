package dev.poolbench.core.faults;

import dev.poolbench.core.db.Database;
import dev.poolbench.core.pool.PoolExhaustedException;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.results.Faults;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The network stalls: traffic to and from the database is held for {@code freeze}, no packet lost,
 * no connection closed. A pool must not hang its callers for that long: a caller waiting for a
 * connection gets the pool's timeout error within poolTimeout, and a query in flight gets a socket
 * timeout (pgjdbc's {@code socketTimeout}, set here to {@code socketTimeout}, which also bounds a
 * connection attempt).
 *
 * <p>With {@code queue}, as with SQLAlchemy, a borrower handed the place of a broken connection opens its
 * replacement itself; so a call is bounded by poolTimeout plus one connect attempt, or by the socket timeout.
 * What it measures is a {@link Faults.Freeze}.
 */
public final class NetworkFreeze {

    private NetworkFreeze() {
    }

    public static Faults.Freeze run(Database database, PoolSettings settings, int rows, Duration freeze, Duration socketTimeout)
            throws SQLException, InterruptedException {
        Map<String, String> pgjdbc = Map.of("socketTimeout", Long.toString(socketTimeout.toSeconds()),
                "connectTimeout", Long.toString(Math.max(1, socketTimeout.toSeconds())));
        try (FaultRun run = new FaultRun(database, settings, rows, pgjdbc)) {
            FaultRun.sleep(Duration.ofSeconds(1));
            long frozen = System.nanoTime();
            run.proxy.freeze();
            FaultRun.sleep(freeze);
            long thawed = System.nanoTime();
            run.proxy.unfreeze();
            boolean recovered = run.awaitHealthy(thawed, Duration.ofSeconds(1), Duration.ofSeconds(15));
            int hung = run.traffic.stop(settings.poolTimeout().plus(socketTimeout).plusSeconds(5));
            List<Traffic.Call> calls = run.traffic.calls();

            List<Traffic.Call> during = calls.stream().filter(c -> c.end() >= frozen && c.start() <= thawed).toList();
            String exhausted = PoolExhaustedException.class.getSimpleName();
            Long firstSuccess = calls.stream().filter(c -> c.ok() && c.start() >= thawed)
                    .mapToLong(c -> (c.end() - thawed) / 1_000_000).min().stream().boxed().findFirst().orElse(null);
            return new Faults.Freeze(run.pool.settings().label(), freeze.toMillis(), settings.poolTimeout().toMillis(),
                    socketTimeout.toMillis(), during.size(),
                    FaultRun.count(during, c -> !c.ok() && c.error().startsWith(exhausted)),
                    during.stream().filter(c -> !c.ok() && c.error().startsWith(exhausted))
                            .mapToLong(Traffic.Call::millis).max().orElse(0),
                    FaultRun.count(during, c -> !c.ok() && !c.error().startsWith(exhausted)),
                    calls.stream().filter(c -> c.start() <= thawed).mapToLong(Traffic.Call::millis).max().orElse(0),
                    hung, firstSuccess, recovered, FaultRun.errors(during));
        }
    }
}
