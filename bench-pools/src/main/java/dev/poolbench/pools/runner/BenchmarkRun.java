package dev.poolbench.pools.runner;

import dev.poolbench.core.config.Settings;
import dev.poolbench.core.db.Database;
import dev.poolbench.core.db.DatabaseSettings;
import dev.poolbench.core.db.Databases;
import dev.poolbench.core.db.PgBouncer;
import dev.poolbench.core.probe.EnvironmentProbe;
import dev.poolbench.core.seeds.ClaimCatalogue;
import dev.poolbench.core.todo.TodoSchema;
import dev.poolbench.pools.Query;
import dev.poolbench.results.EnvironmentRecord;
import dev.poolbench.results.Faults;
import dev.poolbench.results.NativeCeiling;
import dev.poolbench.results.PoolSizingPeaks;
import dev.poolbench.results.ResultFiles;
import dev.poolbench.results.RunStatus;
import dev.poolbench.results.ServerConnectionPoints;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One benchmark run: validate everything, start (or reach) the database once, run the JMH runs with
 * every fork using that database, then write the files beside the results: {@code results.json},
 * {@code environment.json}, {@code server-connections.json}, {@code pool-sizing.json}, when
 * {@code pgbench} is on the PATH {@code pgbench.json}, and for a profile run (or with
 * {@code -Dbench.faults=true}) the fault scenarios' {@code faults.json}. Results are rewritten after every JMH run, so
 * an interrupted run keeps what it measured.
 */
public final class BenchmarkRun {

    /** Where the result files go (default {@code target/jmh}). */
    public static final String OUT = "bench.out";

    private final Settings settings;
    private final Path out;

    BenchmarkRun(Settings settings) {
        this.settings = settings;
        this.out = Path.of(settings.string(OUT).orElse("target/jmh")).toAbsolutePath();
    }

    /**
     * Runs {@code runs} (JMH options without database settings; {@code forkDbArgs} are the
     * {@code -Dbench.*} arguments a user gave for the forks) and returns every result.
     */
    Collection<RunResult> run(List<Options> runs, Map<String, String> forkDbArgs, Profile profile,
                              Map<String, Object> parameters) throws IOException, RunnerException, InterruptedException {
        // every setting is checked before the first database is started
        DatabaseSettings dbSettings = DatabaseSettings.from(settings.with(forkDbArgs));
        Files.createDirectories(out);
        // the directory holds one run: a file an earlier run left (a claims run writes no faults.json,
        // a run without Query no pgbench.json) must not be reported as this run's
        for (String earlier : List.of("results.json", "results.json.partial", EnvironmentRecord.FORMAT.fileName(),
                RunStatus.FORMAT.fileName(), ServerConnectionsLog.LINES, ServerConnectionPoints.FORMAT.fileName(),
                PoolSizingPeaks.FORMAT.fileName(), NativeCeiling.FORMAT.fileName(), Faults.FORMAT.fileName())) {
            Files.deleteIfExists(out.resolve(earlier));
        }
        List<RunResult> results = new ArrayList<>();
        try (RunStatusFile status = new RunStatusFile(out, runs.size()); Database db = Databases.start(dbSettings)) {
            DatabaseHandoff handoff = DatabaseHandoff.write(db, out);
            try {
                writeEnvironment(db, dbSettings, profile, parameters);
                for (int i = 0; i < runs.size(); i++) {
                    Options run = runs.get(i);
                    System.out.printf("poolbench: JMH run %d of %d: %s, %d thread(s)%n", i + 1, runs.size(),
                            run.getIncludes(), run.getThreads().orElse(1));
                    results.addAll(new Runner(forForks(run, handoff.file())).run());
                    writeResults(results);
                    status.finishedJmhRun();
                }
                ServerConnectionsLog.fold(out);
                PoolSizingSummary.write(results, Runtime.getRuntime().availableProcessors(),
                        settings.integer("bench.spindles", 0, 0, 1000), out);
                measureNativeCeiling(db, results, profile);
                if (settings.bool("bench.faults", runsFaults(profile))) {
                    try {
                        FaultScenarios.run(db, profile.faultStrategies(), out);
                    } catch (java.sql.SQLException e) {
                        throw new IOException("the fault scenarios failed: " + e.getMessage(), e);
                    }
                }
                status.complete();
            } finally {
                handoff.close();
            }
        }
        System.out.println("poolbench: results in " + out);
        return results;
    }

    /** The user's run, plus: the database hand-off, the output directory, and fork VM options without secrets. */
    private Options forForks(Options run, Path handoff) {
        List<String> jvmArgs = new ArrayList<>();
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-Dbench.")) {
                jvmArgs.add(arg);
            }
        }
        jvmArgs.addAll(run.getJvmArgs().orElse(List.of()));
        List<String> append = new ArrayList<>(run.getJvmArgsAppend().orElse(List.of()));
        append.add("-D" + DatabaseHandoff.PROPERTY + "=" + handoff);
        append.add("-D" + OUT + "=" + out);
        return new OptionsBuilder().parent(run)
                .jvmArgs(jvmArgs.toArray(String[]::new))
                .jvmArgsAppend(append.toArray(String[]::new))
                .build();
    }

    private void writeResults(List<RunResult> results) throws IOException {
        Path file = out.resolve("results.json");
        Path partial = out.resolve("results.json.partial");
        try (PrintStream ps = new PrintStream(Files.newOutputStream(partial), true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, ps).writeOut(results);
        }
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private void writeEnvironment(Database db, DatabaseSettings dbSettings, Profile profile,
                                  Map<String, Object> parameters) throws IOException {
        Map<String, Object> effective = new LinkedHashMap<>(parameters);
        effective.put("profile", profile == null ? "command line" : Settings.spelling(profile));
        effective.put("database", dbSettings.toString());
        effective.put("pgbouncer", PgBouncer.version());
        try {
            ResultFiles.write(out.resolve(EnvironmentRecord.FORMAT.fileName()), EnvironmentRecord.FORMAT,
                    EnvironmentProbe.record("bench-pools", db, effective));
        } catch (java.sql.SQLException e) {
            throw new IOException("could not read the server's settings for environment.json: " + e.getMessage(), e);
        }
    }

    private void measureNativeCeiling(Database db, List<RunResult> results, Profile profile)
            throws IOException, InterruptedException {
        TreeSet<Integer> queryThreads = new TreeSet<>();
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().contains(".Query.")) {
                queryThreads.add(r.getParams().getThreads());
            }
        }
        if (queryThreads.isEmpty()) {
            return;
        }
        var pgbench = PgbenchReference.find();
        if (pgbench.isEmpty()) {
            System.out.println("poolbench: pgbench is not on the PATH; the native ceiling was not measured");
            return;
        }
        int rows = Query.ROWS;
        try {
            TodoSchema todos = new TodoSchema(db.connections("poolbench-runner")).create();
            if (!todos.isSeededWith(rows)) {
                todos.reset();
                todos.seed(rows, 42);
            }
        } catch (java.sql.SQLException e) {
            throw new IOException("could not seed the todos for pgbench: " + e.getMessage(), e);
        }
        Profile p = profile == null ? Profile.QUICK : profile;
        PgbenchReference.measure(pgbench.get(), db, rows, new ArrayList<>(queryThreads), p.pgbenchRuns,
                p.pgbenchSeconds, out);
    }

    /**
     * Whether {@code profile} ends with the fault scenarios unless told otherwise: every profile but the
     * sizing ones, and the claims profile whenever a claim of the catalogue is measured from a fault scenario
     * (seed 000's "good balance" from the lost-writes probe).
     */
    static boolean runsFaults(Profile profile) {
        if (profile == Profile.CLAIMS) {
            return ClaimCatalogue.ALL.stream().anyMatch(claim -> !claim.faults().isEmpty());
        }
        return profile == Profile.QUICK || profile == Profile.FULL || profile == Profile.POOLS;
    }
}
