package dev.poolbench.core.faults;

import dev.poolbench.core.db.Database;
import dev.poolbench.core.db.LatencyProxy;
import dev.poolbench.core.pool.ConnectionPool;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.Pools;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What every fault scenario shares: a pool of its own, reaching the database through a proxy of its
 * own (so the fault touches nothing else), with traffic running against it.
 */
final class FaultRun implements AutoCloseable {

    static final int WORKERS = 4;
    static final Duration PAUSE = Duration.ofMillis(20);

    final Database viaProxy;
    final LatencyProxy proxy;
    final ConnectionPool pool;
    final Traffic traffic;

    FaultRun(Database database, PoolSettings settings, int rows, Map<String, String> pgjdbc) throws SQLException {
        this.viaProxy = database.throughProxy(Duration.ZERO, false);
        this.proxy = viaProxy.proxy().orElseThrow();
        try {
            this.pool = Pools.create(settings, viaProxy.connections("poolbench-fault").with(pgjdbc));
        } catch (SQLException | RuntimeException e) {
            viaProxy.close();
            throw e;
        }
        this.traffic = new Traffic(pool.dataSource(), rows, WORKERS, PAUSE);
    }

    static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    /**
     * Waits, up to {@code limit} after {@code since}, until the traffic has gone {@code quiet} without a
     * single failure; true if it did.
     */
    boolean awaitHealthy(long since, Duration quiet, Duration limit) throws InterruptedException {
        long deadline = since + limit.toNanos();
        while (System.nanoTime() < deadline) {
            long now = System.nanoTime();
            List<Traffic.Call> calls = traffic.calls();
            long lastFailure = calls.stream().filter(c -> !c.ok()).mapToLong(Traffic.Call::end).max().orElse(0);
            boolean succeededSince = calls.stream().anyMatch(c -> c.ok() && c.end() > since);
            if (succeededSince && now - Math.max(lastFailure, since) >= quiet.toNanos()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    static long count(List<Traffic.Call> calls, Predicate<Traffic.Call> which) {
        return calls.stream().filter(which).count();
    }

    /** The distinct error messages among {@code calls}, the most frequent first, at most three. */
    static List<String> errors(List<Traffic.Call> calls) {
        return calls.stream().filter(c -> !c.ok())
                .collect(java.util.stream.Collectors.groupingBy(c -> shorten(c.error()), java.util.stream.Collectors.counting()))
                .entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(3).map(e -> e.getValue() + " x " + e.getKey()).toList();
    }

    private static String shorten(String error) {
        String oneLine = error.replaceAll("\\s+", " ");
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "..." : oneLine;
    }

    @Override
    public void close() {
        traffic.close();
        pool.close();
        viaProxy.close();
    }
}
