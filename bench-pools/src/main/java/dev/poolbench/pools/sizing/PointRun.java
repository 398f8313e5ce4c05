package dev.poolbench.pools.sizing;

import dev.poolbench.core.db.Database;
import dev.poolbench.core.pool.ConnectionPool;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.Pools;
import dev.poolbench.core.workload.StatementFailure;
import dev.poolbench.core.workload.Workload;
import dev.poolbench.results.Sizing;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One point of a sizing run: {@code callers} threads of our own call the workload through a fresh pool of
 * {@code poolSize}, back to back, for a warm-up and then {@code repetitions} windows. A call counts in the window in
 * which it ends; its latency is borrow wait plus statements, as a request handler sees it. A statement the server
 * refuses is counted by its text and the server's message and the caller goes on; so is a pool or connection error,
 * under {@link #NOT_A_STATEMENT}.
 */
final class PointRun {

    /** The "statement" a failure outside any statement (a pool timeout, a broken connection) is counted under. */
    static final String NOT_A_STATEMENT = "(the pool or the connection)";

    /** The window index before the first measured window. */
    private static final int WARM_UP = -1;

    private final SizingSettings settings;

    PointRun(SizingSettings settings) {
        this.settings = settings;
    }

    Sizing.Point measure(Database route, Workload workload, long rttMs, int callers, int poolSize)
            throws SQLException, InterruptedException {
        int windows = settings.repetitions();
        PoolSettings poolSettings = settings.pool().withPoolSize(poolSize);
        Caller[] threads = new Caller[callers];
        Window window = new Window();
        Map<List<String>, LongAdder> failures = new ConcurrentHashMap<>();
        long[] windowNanos = new long[windows];
        HeldConnections held;
        try (ConnectionPool pool = Pools.create(poolSettings, route.connections("poolbench-sizing"))) {
            held = new HeldConnections(pool.dataSource(), windows, () -> window.index);
            for (int i = 0; i < callers; i++) {
                threads[i] = new Caller(workload, held, windows, window, failures, new SplittableRandom(1000L * poolSize + i));
                threads[i].start();
            }
            try {
                sleep(settings.warmup());
                // the windows follow each other without a gap: a call ending between two counts in one of them
                long start = System.nanoTime();
                window.index = 0;
                for (int w = 0; w < windows; w++) {
                    sleep(settings.window());
                    long end = System.nanoTime();
                    window.index = w + 1;
                    windowNanos[w] = end - start;
                    start = end;
                }
            } finally {
                window.index = windows;
                window.stop = true;
                for (Caller t : threads) {
                    t.join(Duration.ofSeconds(60).toMillis());
                }
            }
        }
        List<Sizing.Repetition> reps = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            final int at = w;
            long[] latencies = Arrays.stream(threads).flatMapToLong(t -> Arrays.stream(t.latencies(at))).sorted().toArray();
            long failed = Arrays.stream(threads).mapToLong(t -> t.failed[at]).sum();
            double seconds = windowNanos[w] / 1e9;
            reps.add(new Sizing.Repetition(latencies.length, latencies.length / seconds, Intervals.quantileMs(latencies, 0.50),
                    Intervals.quantileMs(latencies, 0.99), held.meanHoldMs(w), failed));
        }
        List<Sizing.Failure> failed = failures.entrySet().stream()
                .map(e -> new Sizing.Failure(e.getKey().get(0), e.getKey().get(1), e.getValue().sum()))
                .sorted(Comparator.comparingLong(Sizing.Failure::count).reversed()).toList();
        return new Sizing.Point(workload.name(), rttMs, callers, poolSize,
                Intervals.mean(reps.stream().mapToDouble(Sizing.Repetition::throughput).toArray()),
                Intervals.median(reps.stream().mapToDouble(Sizing.Repetition::p50Ms).toArray()),
                Intervals.median(reps.stream().mapToDouble(Sizing.Repetition::p99Ms).toArray()),
                held.meanHoldMs(), reps, failed);
    }

    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    /** Which window the callers are in, and whether to stop. */
    private static final class Window {
        volatile int index = WARM_UP;
        volatile boolean stop;
    }

    private static final class Caller extends Thread {
        private final Workload workload;
        private final HeldConnections pool;
        private final Window window;
        private final Map<List<String>, LongAdder> failures;
        private final SplittableRandom random;
        private final long[][] latencies;
        private final int[] counts;
        private final long[] failed;

        Caller(Workload workload, HeldConnections pool, int windows, Window window, Map<List<String>, LongAdder> failures,
               SplittableRandom random) {
            super("poolbench-sizing-caller");
            setDaemon(true);
            this.workload = workload;
            this.pool = pool;
            this.window = window;
            this.failures = failures;
            this.random = random;
            this.latencies = new long[windows][1024];
            this.counts = new int[windows];
            this.failed = new long[windows];
        }

        @Override
        public void run() {
            int windows = counts.length;
            while (!window.stop) {
                long start = System.nanoTime();
                List<String> failure = null;
                try {
                    workload.call(pool, random);
                } catch (StatementFailure e) {
                    failure = List.of(e.statement(), String.valueOf(e.serverMessage()));
                } catch (SQLException | RuntimeException e) {
                    failure = List.of(NOT_A_STATEMENT, e.getClass().getSimpleName() + ": " + e.getMessage());
                }
                long took = System.nanoTime() - start;
                int w = window.index;
                if (w < 0 || w >= windows) {
                    continue;
                }
                if (failure != null) {
                    failed[w]++;
                    failures.computeIfAbsent(failure, k -> new LongAdder()).increment();
                    continue;
                }
                if (counts[w] == latencies[w].length) {
                    latencies[w] = Arrays.copyOf(latencies[w], counts[w] * 2);
                }
                latencies[w][counts[w]++] = took;
            }
        }

        long[] latencies(int w) {
            return Arrays.copyOf(latencies[w], counts[w]);
        }
    }
}
