package dev.poolbench.pools.sizing;

import dev.poolbench.core.config.Settings;
import dev.poolbench.core.config.SettingsException;
import dev.poolbench.core.db.Database;
import dev.poolbench.core.db.DatabaseSettings;
import dev.poolbench.core.db.Databases;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import dev.poolbench.core.workload.Workload;
import dev.poolbench.results.Sizing;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * How big should the pool be (issue 13)? Sweeps pool size x callers x round trip x workload against a real
 * PostgreSQL and, per workload, round trip and caller count, recommends the smallest size that does as well as the
 * best ({@link SizingRule}), with Little's law, cores x 2 + effective spindles and the fleet's fit beside it. Writes
 * {@code sizing.json} after every point, so a stopped run keeps what it measured.
 *
 * <pre>
 *   java -cp bench-pools/target/benchmarks.jar dev.poolbench.pools.sizing.SizingRun --out=DIR
 * </pre>
 *
 * The database is the project's ({@code bench.db}, {@code BENCH_DB_URL} and {@code BENCH_DB_PASSWORD} for your own).
 */
@Command(name = "sizing-run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Sweeps pool size x callers x round trip x workload and recommends a pool size per round trip and"
                + " caller count.")
public final class SizingRun implements Callable<Integer> {

    static final String NAME = "sizing-run";

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-pools/target/sizing",
            description = "where sizing.json goes (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--sizes", paramLabel = "N,N", defaultValue = "1,2,4,8,16,32",
            description = "pool sizes to measure (default: ${DEFAULT-VALUE})")
    String sizes;

    @Option(names = "--callers", paramLabel = "N,N", defaultValue = "16,64",
            description = "concurrent callers, each calling back to back (default: ${DEFAULT-VALUE})")
    String callers;

    @Option(names = "--rtt", paramLabel = "MS,MS",
            description = "round trips added through a latency proxy, in ms (default: 0,1,5,20; against your own database"
                    + " (BENCH_DB_URL) only 0: its own round trip, measured and shown)")
    String rtt;

    @Option(names = "--mix", paramLabel = "NAME,NAME", defaultValue = "read-heavy,write-heavy",
            description = "the TODO workload's mixes: " + Workloads.MIXES + " (default: ${DEFAULT-VALUE})")
    String mix;

    @Option(names = "--workload", paramLabel = "FILE",
            description = "your own statements, from a workload file, instead of the TODO mixes")
    Path workload;

    @Option(names = "--allow-writes", description = "let the workload file's statements write (default: read-only)")
    boolean allowWrites;

    @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "queue",
            description = "the pool: queue, hikari, dbcp2, agroal, vibur, tomcat or c3p0 (default: ${DEFAULT-VALUE})")
    String strategy;

    @Option(names = "--max-overflow", paramLabel = "N", defaultValue = "0",
            description = "connections beyond the pool size, for the fleet math; the points run without (default: ${DEFAULT-VALUE})")
    String maxOverflow;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "1s",
            description = "calls made and dropped before each point's windows (default: ${DEFAULT-VALUE})")
    String warmup;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "3s",
            description = "each repetition's measured window (default: ${DEFAULT-VALUE})")
    String window;

    @Option(names = "--repetitions", paramLabel = "N", defaultValue = "3",
            description = "windows per point, 2 or more (default: ${DEFAULT-VALUE})")
    String repetitions;

    @Option(names = "--instances", paramLabel = "N", defaultValue = "1",
            description = "application instances sharing the database, for the fleet math (default: ${DEFAULT-VALUE})")
    String instances;

    @Option(names = "--db-cores", paramLabel = "N",
            description = "the database server's cores, when it will not say (default: read from the server)")
    String dbCores;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Database given;

    private SizingRun(Database given) {
        this.given = given;
    }

    public static void main(String[] args) {
        System.exit(execute(args, null, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs with {@code args} against {@code given} (null: the database {@code bench.db} names, started and stopped
     * here). 0 when every point was measured, 1 when the run failed, 2 for a bad option, named in one line.
     */
    public static int execute(String[] args, Database given, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new SizingRun(given)).setOut(out).setErr(err);
        line.setParameterExceptionHandler((e, a) -> {
            err.println(NAME + ": " + e.getMessage());
            return 2;
        });
        line.setExecutionExceptionHandler((e, l, parsed) -> {
            if (e instanceof SettingsException) {
                // a workload file's writing statement without --allow-writes, found once the server answered
                err.println(NAME + ": " + e.getMessage());
                return 2;
            }
            // what was measured so far stays in sizing.json, marked incomplete
            err.println(NAME + ": stopped: " + e);
            return 1;
        });
        return line.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        SizingSettings settings;
        DatabaseSettings databaseSettings;
        try {
            settings = settings();
            databaseSettings = given == null ? DatabaseSettings.from(Settings.fromSystem()) : null;
        } catch (SettingsException e) {
            spec.commandLine().getErr().println(NAME + ": " + e.getMessage());
            return 2;
        }
        Database database = given != null ? given : Databases.start(databaseSettings);
        try {
            Sizing result = new Sweep(settings, database, spec.commandLine().getOut()).run();
            return result.complete() ? 0 : 1;
        } finally {
            if (given == null) {
                database.close();
            }
        }
    }

    /** The options, validated; the first bad one is a {@link SettingsException} naming it, its value and what is accepted. */
    SizingSettings settings() {
        PoolStrategy pool = SizingSettings.strategy(strategy);
        int overflow = Settings.parseInt("--max-overflow", maxOverflow, 0, PoolSettings.MAX_SIZE);
        if (allowWrites && workload == null) {
            throw new SettingsException("--allow-writes is for a workload file's statements: give --workload=FILE too"
                    + " (the TODO mixes always write, in poolbench's own schema)");
        }
        List<Workload> workloads = workload != null ? List.of(Workloads.fromFile(workload, allowWrites))
                : Workloads.mixes(mix);
        return new SizingSettings(
                SizingSettings.wholeNumbers("--sizes", sizes, 1, PoolSettings.MAX_SIZE),
                SizingSettings.wholeNumbers("--callers", callers, 1, 10_000),
                rtt == null ? null : SizingSettings.roundTrips("--rtt", rtt),
                workloads,
                PoolSettings.of(pool).withMaxOverflow(0),
                overflow,
                SizingSettings.positive("--warmup", warmup, Duration.ZERO, Duration.ofMinutes(10), "1s"),
                SizingSettings.positive("--window", window, Duration.ofMillis(100), Duration.ofMinutes(10), "3s"),
                Settings.parseInt("--repetitions", repetitions, SizingSettings.MIN_REPETITIONS, 1000),
                Settings.parseInt("--instances", instances, 1, 100_000),
                dbCores == null ? null : Settings.parseInt("--db-cores", dbCores, 1, 10_000),
                out);
    }
}
