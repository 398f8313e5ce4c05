package dev.poolbench.loadruns;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.poolbench.core.config.Settings;
import dev.poolbench.core.config.SettingsException;
import dev.poolbench.core.db.Database;
import dev.poolbench.core.db.DatabaseSettings;
import dev.poolbench.core.db.Databases;
import dev.poolbench.core.db.LatencyProxy;
import dev.poolbench.core.db.RoundTrips;
import dev.poolbench.core.probe.EnvironmentProbe;
import dev.poolbench.core.process.ServiceProcess;
import dev.poolbench.results.EnvironmentRecord;
import dev.poolbench.results.LoadSummary;
import dev.poolbench.results.ResultFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The load runs of {@code mvn verify}: provisions the database once, then for each simulation starts the
 * service with that simulation's configuration as a child process, samples its pool, runs the simulation
 * with Gatling, writes the summary ({@code target/load-results/<Simulation>.json}) and stops the service,
 * whatever happened. Every simulation runs even if one fails; the exit code says whether all passed.
 *
 * <p>For other plans (the seed claims: one simulation over many named configurations), use {@link #run}.
 */
@Command(name = "load-run", mixinStandardHelpOptions = true,
        description = "Runs the Gatling simulations against the TODO service, each against its own configuration.")
public final class LoadRun implements Callable<Integer> {

    static final String SIMULATIONS_PACKAGE = "dev.poolbench.loadruns.simulations.";

    /**
     * What {@code mvn verify} runs: each simulation against the configuration it is about, and a smoke of the
     * reference stack (the seeds' FastAPI + SQLAlchemy) under the seeds' own test, skipped in one line where
     * Python or its packages are absent.
     */
    static final List<Plan> VERIFY = List.of(
            new Plan("TodoApiSimulation", ServiceConfiguration.BASELINE, Map.of()),
            new Plan("PoolExhaustionSimulation", ServiceConfiguration.EXHAUSTION, Map.of()),
            new Plan("MixedOperationsSimulation", ServiceConfiguration.SEED_003, Map.of()),
            new Plan("TodoApiSimulation", ServiceConfiguration.BASELINE, Map.of("users", "20"),
                    "TodoApiSimulation-reference", true, Stack.REFERENCE));

    /**
     * One simulation against one service configuration.
     *
     * @param simulation    the class's simple name, in {@value #SIMULATIONS_PACKAGE}
     * @param configuration how the service is started
     * @param load          {@code poolbench.<knob>} overrides, by knob name
     * @param resultName    the summary's file name, without {@code .json}, under {@code load-results/}: the
     *                      simulation's name by default; a plan that runs one simulation over several
     *                      configurations names each its own (it may name a folder: {@code claims/baseline})
     * @param warmUp        whether one todo's life ({@link WarmUp}) goes through the service before Gatling starts,
     *                      so a run that measures throughput does not pay for the first connection
     * @param stack         which service is started: the Java service, or the reference stack
     */
    public record Plan(String simulation, ServiceConfiguration configuration, Map<String, String> load,
                       String resultName, boolean warmUp, Stack stack) {

        public Plan(String simulation, ServiceConfiguration configuration, Map<String, String> load) {
            this(simulation, configuration, load, simulation);
        }

        public Plan(String simulation, ServiceConfiguration configuration, Map<String, String> load, String resultName) {
            this(simulation, configuration, load, resultName, false);
        }

        public Plan(String simulation, ServiceConfiguration configuration, Map<String, String> load, String resultName,
                    boolean warmUp) {
            this(simulation, configuration, load, resultName, warmUp, Stack.JAVA);
        }

        /** "TodoApiSimulation on baseline", "... on baseline (reference stack)". */
        String describe() {
            return simulation + " on " + configuration.name() + (stack == Stack.JAVA ? "" : " (reference stack)");
        }
    }

    /**
     * What a run left: its summary (null when Gatling wrote no report), where, whether it passed, and the
     * service's process id (stopped by the time this exists).
     */
    public record Result(Plan plan, Path summaryFile, LoadSummary summary, boolean passed, String problem,
                         long servicePid) {

        /** A plan whose stack cannot run here: nothing ran, nothing failed; {@code why} is the one line to print. */
        static Result skipped(Plan plan, String why) {
            return new Result(plan, null, null, true, "skipped: " + why, -1);
        }

        public boolean wasSkipped() {
            return summary == null && passed;
        }
    }

    @Option(names = "--load", defaultValue = "smoke", description = "smoke or full (default: ${DEFAULT-VALUE})")
    String load;

    @Option(names = "--out", defaultValue = "target", description = "the module's build directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--service-jar", description = "the service's jar; without it the service runs from this classpath")
    Path serviceJar;

    @Option(names = "--simulations", split = ",", description = "only these (simple class names), default all three")
    List<String> only;

    private Database database;
    private LoadSettings.Level level;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadRun()).execute(args));
    }

    /** 0 when every simulation ran and passed its assertions, 1 when one did not, 2 for bad arguments. */
    @Override
    public Integer call() throws Exception {
        List<Plan> plans;
        DatabaseSettings databaseSettings;
        try {
            level = Settings.parseChoice("--load", load, LoadSettings.Level.class);
            if (level == LoadSettings.Level.CLAIMS) {
                throw SettingsException.badValue("--load", load, "smoke or full (the claims run is ClaimsLoadRun)");
            }
            plans = VERIFY.stream().filter(p -> only == null || only.contains(p.simulation())).toList();
            if (plans.isEmpty()) {
                throw new SettingsException("--simulations = '" + String.join(",", only) + "' is not accepted: one or more of "
                        + String.join(", ", VERIFY.stream().map(Plan::simulation).distinct().toList()));
            }
            databaseSettings = DatabaseSettings.from(Settings.fromSystem());
        } catch (SettingsException e) {
            System.err.println("load-run: " + e.getMessage());
            return 2;
        }
        if (only == null) {
            LoadResult.clearEarlierRun(out.resolve("load-results"));
        }
        List<Result> results = new ArrayList<>();
        database = Databases.start(databaseSettings);
        try {
            writeEnvironment(plans);
            for (Plan plan : plans) {
                try {
                    results.add(run(plan));
                } catch (Exception e) {
                    results.add(new Result(plan, null, null, false, e.toString(), -1));
                }
            }
        } finally {
            database.close();
        }
        System.out.println();
        System.out.println("poolbench load runs (" + Settings.spelling(level) + "):");
        results.forEach(result -> System.out.println("  " + line(result)));
        return results.stream().allMatch(Result::passed) ? 0 : 1;
    }

    /** Runs {@code plan} against this run's database; the service is stopped before this returns, whatever happened. */
    public Result run(Plan plan) throws Exception {
        java.util.Optional<String> unavailable = plan.stack().unavailable(serviceJar);
        if (unavailable.isPresent()) {
            System.out.println("poolbench: " + plan.describe() + " skipped: " + unavailable.get());
            return Result.skipped(plan, unavailable.get());
        }
        Path results = out.resolve("load-results");
        Path summaryFile = results.resolve(plan.resultName() + ".json");
        Path loadFile = results.resolve(plan.resultName() + ".load.json");
        Path countsFile = results.resolve(plan.resultName() + ".counts.json");
        Files.createDirectories(summaryFile.getParent());
        Files.deleteIfExists(summaryFile);
        Files.deleteIfExists(countsFile);
        ServiceConfiguration configuration = plan.configuration();
        // always through the proxy, which counts the round trips (and adds the configuration's, if any)
        Database serviceDatabase = database.throughProxy(configuration.rtt(), false);
        LatencyProxy proxy = serviceDatabase.proxy().orElseThrow();
        LoadSummary.Service service;
        List<LoadSummary.PoolSample> samples;
        JsonNode before;
        JsonNode after;
        GatlingRun.Outcome outcome;
        long servicePid;
        double probeCost;
        RoundTrips atStart;
        RoundTrips atEnd;
        long probesDuring;
        Path serviceLog = results.resolve(plan.resultName() + "-service.log");
        Files.deleteIfExists(serviceLog);
        ServiceProcess started;
        try {
            started = ServiceProcess.start(plan.stack().launcher(serviceJar), configuration.arguments(), serviceDatabase, serviceLog);
        } catch (java.io.IOException e) {
            serviceDatabase.close();
            return new Result(plan, null, null, false, e.getMessage(), -1);
        }
        try (ServiceProcess process = started) {
            servicePid = process.pid();
            if (plan.warmUp()) {
                WarmUp.lifeCycle(process.url());
            }
            probeCost = PoolSampler.probeCost(process.url(), proxy);
            try (PoolSampler sampler = new PoolSampler(process.url(), Duration.ofSeconds(1))) {
                before = sampler.snapshot();
                service = LoadResult.JSON.treeToValue(before.path("service"), LoadSummary.Service.class);
                System.out.println("poolbench: " + plan.simulation() + " against " + configuration.name()
                        + (plan.stack() == Stack.JAVA ? "" : " on the reference stack") + " ("
                        + process.label() + ") at " + process.url() + ", service pid " + process.pid()
                        + (configuration.rtt().isZero() ? "" : ", database round trip " + configuration.rtt().toMillis() + " ms"));
                Map<String, String> properties = new LinkedHashMap<>();
                properties.put(LoadSettings.TARGET, process.url());
                properties.put(LoadSettings.LEVEL, Settings.spelling(level));
                properties.put(LoadSettings.LOAD_FILE, loadFile.toString());
                properties.put(LoadSettings.COUNTS_FILE, countsFile.toString());
                plan.load().forEach((knob, value) -> properties.put("poolbench." + knob, value));
                long probesAtStart = sampler.calls();
                atStart = proxy.roundTrips();
                outcome = GatlingRun.run(SIMULATIONS_PACKAGE + plan.simulation(), out.resolve("gatling"),
                        configuration.name() + (plan.stack() == Stack.JAVA ? "" : " (reference stack)") + ": " + process.label(),
                        properties, timeoutSeconds());
                atEnd = proxy.roundTrips();
                probesDuring = sampler.calls() - probesAtStart;
                samples = sampler.samples();
                after = sampler.snapshot();
            }
        } finally {
            serviceDatabase.close();
        }
        if (outcome.reportFolder() == null) {
            return new Result(plan, null, null, false, "Gatling wrote no report (exit " + outcome.exitCode() + ")", servicePid);
        }
        Map<String, Object> load = LoadResult.JSON.readValue(loadFile.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
        Files.deleteIfExists(loadFile);
        if (plan.warmUp()) {
            load.put("warmUpRequests", WarmUp.REQUESTS);
        }
        Map<String, Long> counted = Files.isRegularFile(countsFile)
                ? LoadResult.JSON.readValue(countsFile.toFile(), new TypeReference<LinkedHashMap<String, Long>>() { })
                : Map.of();
        Files.deleteIfExists(countsFile);
        String report = summaryFile.getParent().relativize(outcome.reportFolder().resolve("index.html")).toString();
        GatlingStats.RunStats stats = GatlingStats.read(outcome.reportFolder());
        LoadSummary.RoundTrips roundTrips = LoadResult.roundTrips(configuration.rtt(), atEnd.since(atStart), probeCost,
                probesDuring, stats.all().total());
        LoadSummary summary = LoadResult.summary(plan.simulation(), configuration.name(), plan.stack().spelling(), service, load,
                stats, counted, before, after, samples, roundTrips, report);
        LoadResult.write(summaryFile, summary);
        String problem = outcome.exitCode() == 0 ? null
                : outcome.assertionsFailed() ? "assertions failed" : "Gatling exited with " + outcome.exitCode();
        return new Result(plan, summaryFile, summary, problem == null, problem, servicePid);
    }

    /** For a caller that runs its own plans: this runner over {@code database}, results under {@code out}. */
    public static LoadRun over(Database database, Path out, Path serviceJar, LoadSettings.Level level) {
        LoadRun run = new LoadRun();
        run.database = database;
        run.out = out;
        run.serviceJar = serviceJar;
        run.level = level;
        return run;
    }

    /** The database this runner's services use (behind a proxy of their own). */
    Database database() {
        return database;
    }

    private long timeoutSeconds() {
        return level == LoadSettings.Level.SMOKE ? 600 : 3600;
    }

    private void writeEnvironment(List<Plan> plans) throws Exception {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (Plan plan : plans) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("simulation", plan.simulation());
            run.put("configuration", plan.configuration().name());
            run.put("stack", plan.stack().spelling());
            run.put("result", plan.resultName() + ".json");
            run.put("flags", plan.configuration().flags());
            run.put("rttMs", plan.configuration().rtt().toMillis());
            run.put("load", plan.load());
            runs.add(run);
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("load", Settings.spelling(level));
        parameters.put("runs", runs);
        ResultFiles.write(out.resolve("load-results").resolve(EnvironmentRecord.FORMAT.fileName()), EnvironmentRecord.FORMAT,
                EnvironmentProbe.record("load-scenarios", database, parameters));
    }

    private static String line(Result result) {
        String name = result.plan().describe();
        if (result.wasSkipped()) {
            return name + ": " + result.problem();
        }
        if (result.summary() == null) {
            return name + ": FAILED, " + result.problem();
        }
        LoadSummary s = result.summary();
        return String.format("%s: %s requests, %.1f%% OK, %.1f req/s, p95 %s ms, %s database round trips a request%s -> %s",
                name, s.requests().total(), 100 * s.successRate(), s.throughputRps(), s.latencyMs().p95(),
                s.roundTrips() == null || s.roundTrips().perRequest() == null ? "-"
                        : String.format(java.util.Locale.ROOT, "%.2f", s.roundTrips().perRequest()),
                result.passed() ? "" : " (FAILED: " + result.problem() + ")", result.summaryFile());
    }
}
