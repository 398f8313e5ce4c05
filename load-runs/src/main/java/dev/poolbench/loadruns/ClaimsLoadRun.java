package dev.poolbench.loadruns;

import dev.poolbench.core.config.Settings;
import dev.poolbench.core.config.SettingsException;
import dev.poolbench.core.db.Database;
import dev.poolbench.core.db.DatabaseSettings;
import dev.poolbench.core.db.Databases;
import dev.poolbench.core.probe.EnvironmentProbe;
import dev.poolbench.core.seeds.ClaimCatalogue;
import dev.poolbench.core.seeds.Seed;
import dev.poolbench.results.EnvironmentRecord;
import dev.poolbench.results.LoadSummary;
import dev.poolbench.results.ResultFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The load side of the seed-claims run ({@code mvn verify -Pclaims}, issue 6): calibrates the database round
 * trip at which seed 001's baseline serves the seed's 2.28 ops/sec ({@link RttCalibration}), then, at that
 * round trip, runs TodoApiSimulation against every named configuration ({@link ServiceConfiguration#NAMED};
 * phase 3 in bulk mode) and the read-heavy scenario against seed 004 and its no-cache control, seed 003.
 * Summaries go to {@code target/load-results/claims/<name>.json}, with {@code calibration.json} and
 * {@code environment.json} beside them. Every service is stopped whatever happens ({@link LoadRun#run}).
 *
 * <p>Sizes: at 2.28 ops/sec the seed's full test (200 creates, 800 follow-ups) takes over 7 minutes, and the
 * configurations still on the event loop or on one connection are that slow or slower. Every TodoApiSimulation
 * run keeps the seed's burst of 200 creates and sends {@value #FOLLOW_UPS} of the todos on to get/list/update/delete
 * ({@code followUps}), the fast configurations as the slow ones: a verdict divides one run's rate by another's,
 * and a ratio only measures the configurations when both runs carried the same load. Each summary's
 * {@code load.differsFromSeed} says what was shrunk.
 */
@Command(name = "claims-load-run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Calibrates the database round trip to seed 001's baseline, then loads every named configuration at it.")
public final class ClaimsLoadRun implements Callable<Integer> {

    /** Seed 001: "Limits all operations to ~2.28 ops/sec". */
    static final double SEED_001_OPERATIONS_PER_SECOND = ClaimCatalogue.BASELINE_OPERATIONS_PER_SECOND;
    static final String SEED_001_SOURCE = Seed.S001.cite() + ": \"Limits all operations to ~2.28 ops/sec\"";
    static final String FOLDER = "claims";

    /**
     * What every claims run of TodoApiSimulation shares: the seed's one burst of 200 users, a client that waits for
     * every answer (the seed reports a rate over all its operations; Gatling's own 60 s would turn the queue of an
     * event-loop service into timeouts and measure the client's patience), and no pass/fail thresholds: a low
     * success rate is a finding here, not a broken run.
     */
    static final Map<String, String> SEED_SIZED = ordered("users", "200", "bursts", "1", "requestTimeout", "10m",
            "minSuccessPercent", "0", "maxP95Ms", "600000");

    /** Seed 004's readers: 20 people, 100 todos they keep opening, 1 in 20 requests a change, 45 s. */
    static final Map<String, String> READ_HEAVY = ordered("users", "20", "duration", "45s", "workingSet", "100",
            "updatePercent", "5", "thinkTime", "100ms", "requestTimeout", "10m", "minSuccessPercent", "0",
            "maxP95Ms", "600000");

    /**
     * How big the claims' load is. {@code seed}: the seed's burst of 200 users, {@value #FOLLOW_UPS} follow-ups, the
     * read-heavy scenario for 45 s, the round trip calibrated, on every stack (mvn verify -Pclaims, about an hour).
     * {@code compact}: the main job's pass (mvn verify), every configuration alike at a fifth of the burst, a fifth
     * of the follow-ups and 10 s of reading, at a fixed round trip ({@value #COMPACT_RTT} unless --rtt), once, on one
     * stack (the first of --stacks that runs here): a few minutes, and its verdicts say at which scale they were measured.
     */
    enum Scale {
        SEED(Map.of(), Map.of()),
        COMPACT(Map.of("users", "40", "followUps", "10"), Map.of("duration", "10s"));

        final Map<String, String> todoApi;
        final Map<String, String> readHeavy;

        Scale(Map<String, String> todoApi, Map<String, String> readHeavy) {
            this.todoApi = todoApi;
            this.readHeavy = readHeavy;
        }
    }

    /** The compact pass's round trip: the claims run's realistic fixed one, so its table reads beside this pass. */
    static final String COMPACT_RTT = "20ms";

    /** The most repetitions a claims run takes: each one is the whole claims load again, about an hour on 2 cores. */
    static final int MAX_REPETITIONS = 10;

    /** A calibration probe: few users, so it is short; the service answers one at a time whatever the number. */
    static final int PROBE_USERS = 10;

    /** One run of the claims: which simulation against which configuration, its knobs beyond the shared ones. */
    record Entry(String result, String simulation, String configuration, Map<String, String> knobs) {

        /** On the Java service, its summary {@code claims/<result>.json}. */
        LoadRun.Plan at(Duration rtt) {
            return at(rtt, Stack.JAVA, FOLDER);
        }

        /**
         * On {@code stack}, its summary {@code <folder>/<result>.json} for the Java service and
         * {@code <folder>/reference/<result>.json} for the reference stack.
         */
        LoadRun.Plan at(Duration rtt, Stack stack, String folder) {
            return at(rtt, stack, folder, 1);
        }

        /**
         * Repetition {@code repetition} of it: the first at the names above, each later one in a folder of its own
         * beside them ({@code <folder>/r2/<result>.json}, {@code <folder>/reference/r2/<result>.json}), so readers
         * of a single run see the first repetition where they always did.
         */
        LoadRun.Plan at(Duration rtt, Stack stack, String folder, int repetition) {
            return at(rtt, stack, folder, repetition, Scale.SEED);
        }

        /** The same, at {@code scale}: the compact pass shrinks the load of every entry alike. */
        LoadRun.Plan at(Duration rtt, Stack stack, String folder, int repetition, Scale scale) {
            boolean readHeavy = simulation.equals("ReadHeavySimulation");
            Map<String, String> load = new LinkedHashMap<>(readHeavy ? READ_HEAVY : SEED_SIZED);
            load.putAll(knobs);
            load.putAll(readHeavy ? scale.readHeavy : scale.todoApi);
            return new LoadRun.Plan(simulation, ServiceConfiguration.named(configuration).at(rtt), load,
                    folder + "/" + stackFolder(stack) + repetitionFolder(repetition) + result, true, stack);
        }
    }

    /** Where a stack's summaries go within a pass's folder: the Java service's at its top, as before there were two. */
    static String stackFolder(Stack stack) {
        return stack == Stack.JAVA ? "" : stack.spelling() + "/";
    }

    /** Where repetition {@code repetition} of a run goes within a stack's folder: "" for the first, "r2/" for the second. */
    static String repetitionFolder(int repetition) {
        return repetition == 1 ? "" : "r" + repetition + "/";
    }

    /** How many of the 200 created todos every TodoApiSimulation run takes on past its create (the seed's test: all 200). */
    static final int FOLLOW_UPS = 50;

    /** The claims' load, in running order; the baseline first, as its run confirms the calibration. */
    static final List<Entry> ENTRIES = List.of(
            todoApi("baseline", Map.of()),
            todoApi("phase1", Map.of()),
            todoApi("phase2", Map.of()),
            todoApi("phase2-worker", Map.of()),
            todoApi("phase3", Map.of("bulk", "true")),
            todoApi("seed000-null", Map.of()),
            todoApi("seed000-static", Map.of()),
            todoApi("seed000-queue-2+1", Map.of()),
            todoApi("seed000-queue-10+20", Map.of()),
            todoApi("seed003", Map.of()),
            todoApi("seed004", Map.of()),
            todoApi("seed002-jit-on", Map.of()),
            todoApi("seed002-jit-off", Map.of()),
            new Entry("seed004-read-heavy", "ReadHeavySimulation", "seed004", Map.of()),
            new Entry("seed003-read-heavy", "ReadHeavySimulation", "seed003", Map.of()));

    @Option(names = "--out", defaultValue = "target", description = "the module's build directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--service-jar", description = "the service's jar; without it the service runs from this classpath")
    Path serviceJar;

    @Option(names = "--rtt", paramLabel = "DURATION", description = "skip the calibration and run at this round trip, e.g. 429ms")
    String rtt;

    @Option(names = "--target", paramLabel = "OPS", defaultValue = "" + SEED_001_OPERATIONS_PER_SECOND,
            description = "the baseline's operations per second to calibrate to (default: ${DEFAULT-VALUE}, seed 001)")
    String target;

    @Option(names = "--tolerance", paramLabel = "PERCENT", defaultValue = "15",
            description = "how close the confirming run must come, in percent (default: ${DEFAULT-VALUE})")
    String tolerance;

    @Option(names = "--probe-rtts", paramLabel = "DURATION,...", description = "round trips to probe "
            + "(default: a quarter and three quarters of the target's time per operation)")
    String probeRtts;

    @Option(names = "--only", paramLabel = "NAME,...", description = "only these runs (by result name), default all")
    String only;

    @Option(names = "--stacks", paramLabel = "java,reference", defaultValue = "java,reference",
            description = "the services to load: the Java service, the reference stack (FastAPI + SQLAlchemy), or both; "
                    + "the round trip is calibrated on the reference stack's baseline when it runs (default: ${DEFAULT-VALUE})")
    String stacks;

    @Option(names = "--repetitions", paramLabel = "N", defaultValue = "1",
            description = "how many times each run at the calibrated round trip is repeated, interleaved (every run's first,"
                    + " then every run's second, ...), so the report can give each figure an interval from its runs;"
                    + " the fixed-round-trip pass runs once (default: ${DEFAULT-VALUE})")
    String repetitions;

    @Option(names = "--scale", paramLabel = "seed|compact", defaultValue = "seed",
            description = "seed: the seeds' load, calibrated, every stack; compact: the main job's few-minute pass, every"
                    + " configuration at a fifth of the burst and follow-ups (the read-heavy runs for 10 s), at a fixed "
                    + COMPACT_RTT + " round trip unless --rtt, once, on the first of --stacks that runs here"
                    + " (default: ${DEFAULT-VALUE})")
    String scale;

    @Option(names = "--also-rtt", paramLabel = "DURATION", description = "run everything again at this fixed round "
            + "trip (e.g. 20ms, a realistic cloud network), into claims/rtt-<ms>ms/; none by default")
    String alsoRtt;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ClaimsLoadRun()).execute(args));
    }

    /** 0 when every run left a summary, 1 when one did not (or the calibration failed), 2 for bad arguments. */
    @Override
    public Integer call() throws Exception {
        Duration fixedRtt;
        RttCalibration.Target calibrationTarget;
        List<Duration> probes;
        List<Entry> entries;
        List<Stack> stackList;
        Duration fixedAlso;
        int repeat;
        Scale size;
        DatabaseSettings databaseSettings;
        try {
            size = Settings.parseChoice("--scale", blank(scale) ? "seed" : scale, Scale.class);
            if (size == Scale.COMPACT && !blank(alsoRtt)) {
                throw SettingsException.badValue("--also-rtt", alsoRtt, "nothing with --scale=compact, which runs one pass");
            }
            if (size == Scale.COMPACT && !blank(repetitions) && !repetitions.trim().equals("1")) {
                throw SettingsException.badValue("--repetitions", repetitions, "1 with --scale=compact, which runs each configuration once");
            }
            fixedRtt = blank(rtt) ? (size == Scale.COMPACT ? checkedRtt("--rtt", COMPACT_RTT) : null) : checkedRtt("--rtt", rtt);
            calibrationTarget = new RttCalibration.Target(positive("--target", target),
                    Settings.parseInt("--tolerance", tolerance, 1, 100) / 100.0, SEED_001_SOURCE);
            probes = blank(probeRtts) ? calibrationTarget.defaultProbes() : probeList(probeRtts);
            entries = selected(only);
            stackList = Stack.parseList("--stacks", blank(stacks) ? "java,reference" : stacks);
            fixedAlso = blank(alsoRtt) ? null : checkedRtt("--also-rtt", alsoRtt);
            repeat = Settings.parseInt("--repetitions", blank(repetitions) ? "1" : repetitions, 1, MAX_REPETITIONS);
            databaseSettings = DatabaseSettings.from(Settings.fromSystem());
            if (!databaseSettings.rtt().isZero()) {
                throw SettingsException.badValue(DatabaseSettings.RTT, databaseSettings.rtt().toMillis() + "ms",
                        "0 for the claims run, which puts its own round trip in front of each service (give --rtt to fix it)");
            }
        } catch (SettingsException e) {
            System.err.println("claims-load-run: " + e.getMessage());
            return 2;
        }
        if (entries.isEmpty()) {
            System.out.println("poolbench claims: --only=" + only.trim() + " names no load run of the claims, only "
                    + ServiceFaultRun.RESULT + "; nothing to load here");
            return 0;
        }
        Instant started = Instant.now();
        Path results = out.resolve("load-results");
        Path folder = results.resolve(FOLDER);
        if (blank(only)) {
            // the compact pass follows the main job's load runs in the same folder: it clears its own runs only
            LoadResult.clearEarlierRun(size == Scale.COMPACT ? folder : results);
        }
        Files.createDirectories(folder);
        Map<String, String> problems = new LinkedHashMap<>();
        RttCalibration.Outcome calibration = null;
        Duration at = fixedRtt;
        LoadRun runner = LoadRun.over(database(databaseSettings), out, serviceJar, LoadSettings.Level.CLAIMS);
        List<Stack> running = new ArrayList<>();
        for (Stack stack : stackList) {
            Optional<String> unavailable = stack.unavailable(serviceJar);
            if (unavailable.isPresent()) {
                System.out.println("poolbench claims: the " + stack.spelling() + " stack's runs skipped: " + unavailable.get());
                problems.put(stack.spelling(), "skipped: " + unavailable.get());
            } else if (size == Scale.COMPACT && !running.isEmpty()) {
                System.out.println("poolbench claims: the compact pass runs on one stack, the " + running.get(0).spelling()
                        + " one; the claims run (mvn verify -Pclaims) runs the " + stack.spelling() + " one too");
            } else {
                running.add(stack);
            }
        }
        // the claims are about the seeds' stack: its baseline sets the round trip when it runs
        Stack calibrated = running.contains(Stack.REFERENCE) ? Stack.REFERENCE : Stack.JAVA;
        try {
            if (running.isEmpty()) {
                System.err.println("claims-load-run: no stack can run here");
                return 1;
            }
            if (at == null) {
                Map<String, String> probeLoad = new LinkedHashMap<>(SEED_SIZED);
                probeLoad.put("users", Integer.toString(PROBE_USERS));
                Entry baseline = entry("baseline");
                try {
                    calibration = new RttCalibration(runner, results).calibrate(calibrationTarget, probes,
                            ServiceConfiguration.BASELINE, calibrated, probeLoad,
                            rtt -> baseline.at(rtt, calibrated, FOLDER), FOLDER);
                } catch (Exception e) {
                    System.err.println("claims-load-run: the calibration failed, so nothing else ran: " + e.getMessage());
                    return 1;
                }
                RttCalibration.write(folder.resolve("calibration.json"), calibration);
                at = calibration.chosen();
                System.out.println("poolbench claims: round trip " + at.toMillis() + " ms, calibrated on the "
                        + calibrated.spelling() + " stack's baseline"
                        + (calibration.reached() ? "" : " (target not reached: " + calibration.note() + ")"));
            }
            List<LoadRun.Plan> plans = new ArrayList<>();
            List<Integer> repetitionOf = new ArrayList<>();
            // interleaved: a drift over the hours falls on every configuration alike, not on the last ones
            for (int repetition = 1; repetition <= repeat; repetition++) {
                for (Stack stack : running) {
                    for (Entry entry : entries) {
                        if (repetition == 1 && calibration != null && stack == calibrated && entry.result().equals("baseline")) {
                            continue; // the calibration's confirming run is this stack's first baseline run
                        }
                        plans.add(entry.at(at, stack, FOLDER, repetition, size));
                        repetitionOf.add(repetition);
                    }
                }
            }
            if (fixedAlso != null) {
                String pass = FOLDER + "/" + passFolder(fixedAlso);
                for (Stack stack : running) {
                    for (Entry entry : alsoPass(entries)) {
                        plans.add(entry.at(fixedAlso, stack, pass));
                        repetitionOf.add(1);
                    }
                }
            }
            Instant runsStarted = Instant.now();
            for (int i = 0; i < plans.size(); i++) {
                System.out.println("poolbench claims: " + progress(i, plans.size(), Duration.between(runsStarted, Instant.now()))
                        + ": " + planned(plans.get(i), repetitionOf.get(i), repeat));
                run(runner, plans.get(i), problems);
            }
        } finally {
            writeEnvironment(folder, runner.database(), entries, running, at, fixedAlso, repeat, calibration, started, size);
            runner.database().close();
        }
        for (Stack stack : running) {
            printTable(folder.resolve(stackFolder(stack)), FOLDER + "/" + stackFolder(stack), stack, entries, at,
                    calibration, problems, started, repeat);
        }
        if (fixedAlso != null) {
            for (Stack stack : running) {
                printTable(folder.resolve(passFolder(fixedAlso)).resolve(stackFolder(stack)),
                        FOLDER + "/" + passFolder(fixedAlso) + "/" + stackFolder(stack), stack, alsoPass(entries), fixedAlso, null,
                        problems, started, 1);
            }
        }
        return problems.values().stream().allMatch(problem -> problem.startsWith("skipped: ")) ? 0 : 1;
    }

    /**
     * "run 4 of 30, 6 min in, about 39 min left": where a long run is, the time left estimated from the runs done
     * so far (each run's own length varies with its configuration's rate, so it is a rough guide).
     */
    static String progress(int done, int total, Duration elapsed) {
        String where = "run " + (done + 1) + " of " + total + ", " + minutes(elapsed) + " in";
        if (done == 0) {
            return where;
        }
        Duration left = elapsed.dividedBy(done).multipliedBy(total - done);
        return where + ", about " + minutes(left) + " left";
    }

    /** "claims/r2/phase2 on the java stack, repetition 2 of 3": which run is next; the repetition only when there are several. */
    static String planned(LoadRun.Plan plan, int repetition, int repetitions) {
        return plan.resultName() + " on the " + plan.stack().spelling() + " stack"
                + (repetitions == 1 ? "" : ", repetition " + repetition + " of " + repetitions);
    }

    private static String minutes(Duration d) {
        return d.toSeconds() < 60 ? d.toSeconds() + " s" : Math.round(d.toSeconds() / 60.0) + " min";
    }

    /**
     * The runs of the fixed-round-trip pass: the TodoApiSimulation ones, whose rates the round trip sets. The
     * read-heavy runs last 45 s whatever the round trip, and run once, at the calibrated one: the pass must keep
     * the whole claims run under an hour on 2 cores.
     */
    static List<Entry> alsoPass(List<Entry> entries) {
        return entries.stream().filter(e -> e.simulation().equals("TodoApiSimulation")).toList();
    }

    /** "rtt-20ms": the folder of the fixed-round-trip pass. */
    static String passFolder(Duration rtt) {
        return "rtt-" + rtt.toMillis() + "ms";
    }

    private static Database database(DatabaseSettings settings) {
        return Databases.start(settings);
    }

    private static void run(LoadRun runner, LoadRun.Plan plan, Map<String, String> problems) {
        try {
            LoadRun.Result result = runner.run(plan);
            if (result.summary() == null && !result.wasSkipped()) {
                problems.put(plan.resultName(), result.problem());
            }
        } catch (Exception e) {
            problems.put(plan.resultName(), e.toString());
        }
    }

    private static Map<String, String> ordered(String... knobsAndValues) {
        Map<String, String> knobs = new LinkedHashMap<>();
        for (int i = 0; i < knobsAndValues.length; i += 2) {
            knobs.put(knobsAndValues[i], knobsAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(knobs);
    }

    private static Entry todoApi(String configuration, Map<String, String> knobs) {
        Map<String, String> load = new LinkedHashMap<>(knobs);
        load.put("followUps", Integer.toString(FOLLOW_UPS));
        return new Entry(configuration, "TodoApiSimulation", configuration, java.util.Collections.unmodifiableMap(load));
    }

    static Entry entry(String result) {
        return ENTRIES.stream().filter(e -> e.result().equals(result)).findFirst()
                .orElseThrow(() -> SettingsException.badValue("--only", result, "one of " + loadRunNames()));
    }

    /** The load runs {@code names} picks, in the plan's order; all of them when it is blank. */
    static List<Entry> selected(String names) {
        List<String> picked = onlyNames(names);
        return picked.isEmpty() ? ENTRIES : ENTRIES.stream().filter(e -> picked.contains(e.result())).toList();
    }

    /**
     * {@code --only}'s names, trimmed, each one of this run's results or {@link ServiceFaultRun#RESULT}, the fault run
     * that follows it in {@code -Pclaims} and takes the same list, so that one {@code -Dpoolbench.claims.only} picks from
     * both; empty when {@code names} is blank (everything runs).
     */
    static List<String> onlyNames(String names) {
        if (blank(names)) {
            return List.of();
        }
        List<String> picked = Arrays.stream(names.split(",", -1)).map(String::trim).toList();
        for (String name : picked) {
            if (!name.equals(ServiceFaultRun.RESULT) && ENTRIES.stream().noneMatch(e -> e.result().equals(name))) {
                throw SettingsException.badValue("--only", names, "one or more of " + resultNames());
            }
        }
        return picked;
    }

    private static String loadRunNames() {
        return String.join(", ", ENTRIES.stream().map(Entry::result).toList());
    }

    private static String resultNames() {
        return loadRunNames() + ", " + ServiceFaultRun.RESULT;
    }

    private static Duration checkedRtt(String name, String value) {
        Duration d = Settings.parseDuration(name, value);
        if (d.compareTo(DatabaseSettings.MAX_RTT) > 0) {
            throw SettingsException.badValue(name, value, "a round trip from 0 to " + DatabaseSettings.MAX_RTT.toSeconds()
                    + "s (bench-core's limit), e.g. 429ms");
        }
        return d;
    }

    private static List<Duration> probeList(String value) {
        List<Duration> list = new ArrayList<>();
        for (String part : value.split(",")) {
            list.add(checkedRtt("--probe-rtts", part));
        }
        if (list.size() < 2 || list.stream().distinct().count() < 2) {
            throw SettingsException.badValue("--probe-rtts", value, "two or more different round trips, e.g. 100ms,300ms");
        }
        return list;
    }

    private static double positive(String name, String value) {
        try {
            double parsed = Double.parseDouble(value.trim());
            if (parsed > 0 && parsed <= 100_000) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw SettingsException.badValue(name, value, "operations per second, more than 0, e.g. 2.28");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private void writeEnvironment(Path folder, Database database, List<Entry> entries, List<Stack> stacksRun, Duration at,
                                  Duration fixedAlso, int repeat, RttCalibration.Outcome calibration, Instant started,
                                  Scale size) {
        try {
            List<Map<String, Object>> runs = new ArrayList<>();
            for (Entry entry : entries) {
                ServiceConfiguration configuration = ServiceConfiguration.named(entry.configuration());
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("result", entry.result() + ".json");
                run.put("simulation", entry.simulation());
                run.put("configuration", configuration.name());
                run.put("description", configuration.description());
                run.put("flags", configuration.flags());
                run.put("load", entry.at(Duration.ZERO, Stack.JAVA, FOLDER, 1, size).load());
                runs.add(run);
            }
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("run", "claims");
            parameters.put("scale", Settings.spelling(size));
            parameters.put("stacks", stacksRun.stream().map(Stack::spelling).toList());
            parameters.put("calibratedOn", calibration == null ? null : calibration.stack().spelling());
            parameters.put("rttMs", at == null ? null : at.toMillis());
            parameters.put("alsoRttMs", fixedAlso == null ? null : fixedAlso.toMillis());
            parameters.put("repetitions", repeat);
            parameters.put("rttFrom", at == null ? "nothing: the calibration failed"
                    : calibration == null ? "--rtt" : "calibration.json");
            parameters.put("calibrationReached", calibration == null ? null : calibration.reached());
            parameters.put("targetOperationsPerSecond", calibration == null ? null : calibration.target().operationsPerSecond());
            parameters.put("startedAt", started.toString());
            parameters.put("endedAt", Instant.now().toString());
            parameters.put("wallSeconds", Duration.between(started, Instant.now()).toSeconds());
            parameters.put("runs", runs);
            ResultFiles.write(folder.resolve(EnvironmentRecord.FORMAT.fileName()), EnvironmentRecord.FORMAT,
                    EnvironmentProbe.record("load-scenarios", database, parameters));
        } catch (Exception e) {
            System.err.println("claims-load-run: could not write environment.json: " + e.getMessage());
        }
    }

    static void printTable(Path folder, List<Entry> entries, Duration at, RttCalibration.Outcome calibration,
                           Map<String, String> problems, Instant started) {
        printTable(folder, "", Stack.JAVA, entries, at, calibration, problems, started, 1);
    }

    /**
     * The closing table of one stack's runs at one round trip, their summaries in {@code folder} (repetition k > 1 in
     * its {@code r<k>/}); {@code problems} are keyed by result name ({@code resultPrefix} + the entry's result). With
     * more than one repetition each figure is the median of the runs, and the last column gives the runs' ops/sec.
     */
    static void printTable(Path folder, String resultPrefix, Stack stack, List<Entry> entries, Duration at,
                           RttCalibration.Outcome calibration, Map<String, String> problems, Instant started,
                           int repetitions) {
        System.out.println();
        System.out.println("poolbench claims load" + (stack == Stack.JAVA ? "" : " on the reference stack")
                + " (" + folder + "), round trip " + (at == null ? "-" : at.toMillis() + " ms")
                + (calibration == null ? " (given)" : String.format(Locale.ROOT, " (calibrated on the %s stack's baseline to %.2f"
                + " ops/sec: %s)", calibration.stack().spelling(), calibration.target().operationsPerSecond(),
                calibration.reached() ? "reached" : "NOT reached"))
                + (repetitions == 1 ? "" : ", medians of " + repetitions + " runs"));
        System.out.printf(Locale.ROOT, "  %-22s %9s %7s %8s %9s %10s %8s %8s %9s%s%n", "run", "ops/sec", "rt/req", "ok %",
                "p95 ms", "operations", "pool use", "server", "cache hit", repetitions == 1 ? "" : "  each run's ops/sec");
        for (Entry entry : entries) {
            String problem = problems.get(resultPrefix + entry.result());
            List<LoadSummary> runs = new ArrayList<>();
            try {
                for (int repetition = 1; repetition <= repetitions; repetition++) {
                    Path file = folder.resolve(repetitionFolder(repetition) + entry.result() + ".json");
                    if (Files.isRegularFile(file)) {
                        runs.add(LoadResult.read(file));
                    }
                }
            } catch (Exception e) {
                System.out.printf("  %-22s unreadable summary: %s%n", entry.result(), e.getMessage());
                continue;
            }
            if (problem != null || runs.isEmpty()) {
                System.out.printf("  %-22s FAILED: %s%n", entry.result(), problem == null ? "no summary" : problem);
                continue;
            }
            LoadSummary first = runs.get(0);
            Double usage = median(runs, s -> s.pool().peakUsage());
            Double roundTrips = median(runs, s -> s.roundTrips() == null ? null : s.roundTrips().perRequest());
            Double hits = median(runs, s -> s.cache() == null ? null : s.cache().hitRate());
            Double p95 = median(runs, s -> s.latencyMs().p95() == null ? null : s.latencyMs().p95().doubleValue());
            System.out.printf(Locale.ROOT, "  %-22s %9.2f %7s %8.1f %9s %10s %8s %8s %9s%s%n", entry.result(),
                    median(runs, LoadSummary::operationsPerSecond),
                    roundTrips == null ? "-" : String.format(Locale.ROOT, "%.2f", roundTrips),
                    100 * median(runs, LoadSummary::successRate), p95 == null ? "-" : String.format(Locale.ROOT, "%.0f", p95),
                    first.operations(), usage == null ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * usage),
                    first.pool().peakServerConnections(), hits == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * hits),
                    repetitions == 1 ? "" : "  " + runs.stream().map(s -> String.format(Locale.ROOT, "%.2f", s.operationsPerSecond()))
                            .collect(Collectors.joining(", "))
                            + (runs.size() < repetitions ? " (" + runs.size() + " of " + repetitions + " runs)" : ""));
        }
        System.out.println("  wall time " + Duration.between(started, Instant.now()).toSeconds() + " s");
    }

    /** The median of {@code figure} over the runs that have it; null when none has. */
    static Double median(List<LoadSummary> runs, Function<LoadSummary, Double> figure) {
        List<Double> values = runs.stream().map(figure).filter(Objects::nonNull).sorted().toList();
        if (values.isEmpty()) {
            return null;
        }
        int middle = values.size() / 2;
        return values.size() % 2 == 1 ? values.get(middle) : (values.get(middle - 1) + values.get(middle)) / 2;
    }
}
