package dev.poolbench.reports.sections;

import dev.poolbench.core.seeds.ClaimCatalogue;
import dev.poolbench.reports.claims.ClaimInputs;
import dev.poolbench.reports.claims.ClaimResult;
import dev.poolbench.reports.claims.Measured;
import dev.poolbench.reports.claims.RunVerdicts;
import dev.poolbench.reports.claims.Verdict;
import dev.poolbench.reports.render.Chart;
import dev.poolbench.reports.render.Fmt;
import dev.poolbench.reports.render.SectionView;
import dev.poolbench.reports.render.Table;
import dev.poolbench.reports.stats.Repeated;
import dev.poolbench.reports.model.ClaimsRun;
import dev.poolbench.reports.model.Environment;
import dev.poolbench.reports.model.Run;
import dev.poolbench.results.Calibration;
import dev.poolbench.results.LoadSummary;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The seed documents' claims, each with what this run measured and a verdict: holds, partly, does
 * not hold, or cannot be measured here (and why).
 */
final class ClaimsSection implements ReportSection {

    static final String ID = "claims";
    private static final String TITLE = "Claims";

    @Override
    public SectionView render(Run run) {
        Optional<String> scale = run.claims().flatMap(ClaimsRun::compactScale);
        String lead = "The tuning write-ups' claims (the seeds: each claim quotes its seed's words and names the seed's file),"
                + " each judged on this run's own results. Load figures"
                + " are todo operations per second through the TODO service under the seed's own test (" + (scale.isPresent()
                ? "smaller, in the main job's compact pass: see its note" : "200 users at once") + "),"
                + " each the median of its repeated runs with, in brackets, a 95% interval and how many runs it comes from:"
                + " Student's t on the runs' mean, and for a factor of two configurations, on the log of their ratios paired by"
                + " repetition. A load figure of one run has no interval, and a verdict on it is marked indicative;"
                + " database figures come from the JMH claims grid.";
        if (run.claims().isEmpty() && run.jmh().isEmpty()) {
            return SectionView.notMeasured(ID, TITLE, lead, "neither the claims load run nor JMH ran (mvn verify -Pclaims runs both)");
        }
        Map<String, LoadSummary> summaries = run.claims().map(ClaimsRun::summaries).orElse(Map.of());
        Map<String, LoadSummary> reference = run.claims().map(ClaimsRun::referenceSummaries).orElse(Map.of());
        Optional<Calibration> calibration = run.claims().flatMap(ClaimsRun::calibration);
        RunVerdicts verdicts = RunVerdicts.of(run);
        List<ClaimResult> results = verdicts.java();
        List<ClaimResult> onReference = verdicts.reference();
        // a pass on the reference stack alone (the main job's compact pass where Python runs) is judged on it alone
        boolean referenceOnly = verdicts.referenceOnly();

        List<String> notes = new ArrayList<>();
        calibration.ifPresent(c -> notes.add("Calibrated round trip: " + c.chosenRttMs() + " ms between the"
                + " service and the database, found so that the seed's baseline (queue 5+10, sync calls on the event loop)"
                + (LoadSummary.REFERENCE.equals(c.stack()) ? " on the reference stack (FastAPI + SQLAlchemy)" : "")
                + " makes " + (c.target() == null ? "" : String.valueOf(c.target().operationsPerSecond()))
                + " ops/sec; every load figure was measured"
                + " at it. Database figures were measured with no added round trip."));
        scale.ifPresent(s -> notes.add(compactNote(referenceOnly ? reference : summaries, referenceOnly)));
        run.claims().flatMap(ClaimsRun::environment).or(run::jmhEnvironment).ifPresent(e -> notes.add("Measured on: " + machine(e)));
        if (run.claims().isEmpty()) {
            notes.add("Not measured in this run: the claims load run (mvn verify -Pclaims); the load claims cannot be judged.");
        }
        notes.add(tally(verdicts.primary()));
        oneForkNote(verdicts.primary()).ifPresent(notes::add);
        notes.add("Verdicts: a promised factor holds when the whole measured interval lies in the promised range; partly when"
                + " the improvement is real (the whole interval above 1) and the whole interval larger or smaller than promised;"
                + " it does not hold when the interval reaches 1 and not into the range; it is undecided when the interval"
                + " reaches across one of those lines. JMH intervals are 99.9% confidence intervals (a ratio takes both at their worst);"
                + " a load figure's is the 95% interval of its runs, and a threshold on one holds when the whole interval is on"
                + " the promised side, does not hold when it is on the other, and is undecided when it reaches both.");
        if (scale.isEmpty()) {
            repetitions(run.claims()).ifPresent(notes::add);
        }
        notes.add("Every figure names, under \"from\", the entries of run.json it was computed from.");

        Table table = referenceOnly ? oneStack(onReference, "reference stack")
                : reference.isEmpty() ? javaOnly(results) : bothStacks(onReference, results, reference, summaries);
        if (!reference.isEmpty() && !referenceOnly) {
            notes.add("Both stacks ran every load configuration at the same round trip: the reference stack, the seeds' own"
                    + " FastAPI + SQLAlchemy service (the stack the claims are about), and the Java service in SQLAlchemy"
                    + " session style (the same database round trips a request). Where their verdicts differ, the last"
                    + " column gives both stacks' figures for the runs the claim reads.");
        }
        List<Chart> charts = new ArrayList<>();
        if (!summaries.isEmpty() || !reference.isEmpty()) {
            Chart.Builder chart = Chart.bar(ID + "-configurations", "Operations per second per seed configuration, at the "
                            + (calibration.isPresent() ? "calibrated" : "pass's fixed") + " round trip (the median of its runs)",
                    "configuration", "ops/sec").logY();
            List<String> names = new ArrayList<>(referenceOnly ? reference.keySet() : summaries.keySet());
            chart.categories(names);
            if (!summaries.isEmpty()) {
                chart.series(reference.isEmpty() ? "ops/sec" : "Java service", medians(names, run.claims().get().runs()));
            }
            if (!reference.isEmpty()) {
                chart.series("reference stack", medians(names, run.claims().get().referenceRuns()));
            }
            charts.add(chart.build());
        }
        List<Table> tables = new ArrayList<>(List.of(table));
        for (ClaimsRun.Pass pass : run.claims().map(ClaimsRun::passes).orElse(List.of())) {
            tables.add(fixedRoundTrip(pass));
            notes.add("The same runs at a fixed " + pass.rttMs() + " ms round trip are in the table \"" + passTitle(pass)
                    + "\": how the figures, and the factors the verdicts read, move with the network.");
        }
        return new SectionView(ID, TITLE, lead, notes, charts, tables);
    }

    private static List<Chart.Datum> medians(List<String> names, Map<String, SortedMap<Integer, LoadSummary>> runs) {
        return names.stream().map(name -> medianOfRuns(name, runs.get(name))).toList();
    }

    /** A configuration's bar: the median of its runs' ops/sec, with their 95% interval when there are two or more. */
    private static Chart.Datum medianOfRuns(String name, SortedMap<Integer, LoadSummary> runs) {
        if (runs == null || runs.isEmpty()) {
            return Chart.datum(name, Double.NaN, Double.NaN, Double.NaN);
        }
        Repeated.Estimate e = Repeated.of(runs.values().stream().mapToDouble(ClaimInputs::operationsPerSecond).toArray());
        // the axis is logarithmic: an interval reaching 0 or below is left off the bar, not drawn to nowhere
        return e.hasInterval() && e.low() > 0 ? Chart.datum(name, e.value(), e.low(), e.high()) : Chart.datum(name, e.value(), Double.NaN, Double.NaN);
    }

    private static String passTitle(ClaimsRun.Pass pass) {
        return "At a fixed " + pass.rttMs() + " ms round trip";
    }

    /**
     * One fixed-round-trip pass: per configuration, each stack's ops/sec, its factor over its own baseline at
     * that round trip, and its database round trips a request.
     */
    static Table fixedRoundTrip(ClaimsRun.Pass pass) {
        Table.Builder table = Table.builder(passTitle(pass), "configuration", "reference stack: ops/sec", "x baseline",
                "round trips a request", "OK %", "Java service: ops/sec", "x baseline", "round trips a request", "OK %");
        List<String> names = new ArrayList<>(pass.referenceSummaries().keySet());
        pass.summaries().keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
        for (String name : names) {
            List<String> cells = new ArrayList<>(List.of(name));
            cells.addAll(passCells(pass.referenceSummaries(), name));
            cells.addAll(passCells(pass.summaries(), name));
            table.row(cells.toArray(String[]::new));
        }
        return table.build();
    }

    private static List<String> passCells(Map<String, LoadSummary> stack, String name) {
        LoadSummary s = stack.get(name);
        if (s == null) {
            return List.of("-", "-", "-", "-");
        }
        double ops = ClaimInputs.operationsPerSecond(s);
        LoadSummary baseline = stack.get(ClaimCatalogue.BASELINE);
        String factor = baseline == null || name.equals(ClaimCatalogue.BASELINE) ? "-"
                : Fmt.number(ops / ClaimInputs.operationsPerSecond(baseline)) + "x";
        String perRequest = s.roundTrips() == null || s.roundTrips().perRequest() == null ? "-"
                : Fmt.number(s.roundTrips().perRequest());
        return List.of(Fmt.number(ops), factor, perRequest, Fmt.number(100 * s.successRate()));
    }

    /** What the main job's compact pass measured, from one of its summaries: how much load, at which round trip, where. */
    private static String compactNote(Map<String, LoadSummary> runs, boolean onReference) {
        LoadSummary any = runs.getOrDefault(ClaimCatalogue.BASELINE, runs.values().stream()
                .filter(s -> "TodoApiSimulation".equals(s.simulation())).findFirst().orElse(null));
        Object users = any == null || any.load() == null ? "?" : any.load().getOrDefault("users", "?");
        Object followUps = any == null || any.load() == null ? "?" : any.load().getOrDefault("followUps", "?");
        String rtt = any == null || any.roundTrips() == null ? "a fixed" : "a fixed " + any.roundTrips().rttMs() + " ms";
        return "Load verdicts from the main job's compact pass: every configuration once, " + users + " users at once and "
                + followUps + " follow-ups instead of the seed's 200 and 50, at " + rtt + " round trip, on the "
                + (onReference ? "reference stack (FastAPI + SQLAlchemy)" : "Java service") + " alone. They are marked"
                + " \"indicative (compact pass, 1 run)\": they point a way, and mvn verify -Pclaims settles it (the seed's"
                + " load at the calibrated round trip, each configuration 3 times, on both stacks).";
    }

    /** The table of a claims run of the Java service alone. */
    private static Table javaOnly(List<ClaimResult> results) {
        return oneStack(results, null);
    }

    /** The table of a claims run of one stack: {@code stack} names it in the headings when it is not the Java service. */
    private static Table oneStack(List<ClaimResult> results, String stack) {
        String on = stack == null ? "" : stack + ": ";
        Table.Builder table = Table.builder("Claims", "claim", "source", "claimed", on + "measured", on + "verdict", "why", "from");
        for (ClaimResult r : results) {
            table.row(r.claim().words(), r.claim().seed().fileName(), r.claim().claimed(),
                    r.measured().map(m -> m.text()).orElse("-"), r.verdictWords(), r.why(),
                    r.measured().map(m -> String.join("; ", m.evidence())).orElse("-"));
        }
        return table.build();
    }

    /**
     * Each claim's figure and verdict on the reference stack (the one the claim is about) and on the Java service,
     * and where they disagree, both stacks' figures for the runs the claim reads.
     */
    private static Table bothStacks(List<ClaimResult> onReference, List<ClaimResult> onJava, Map<String, LoadSummary> reference,
                                    Map<String, LoadSummary> java) {
        Table.Builder table = Table.builder("Claims", "claim", "source", "claimed", "reference stack: measured",
                "reference stack: verdict", "why", "Java service: measured", "Java service: verdict",
                "where the stacks disagree", "from");
        for (int i = 0; i < onReference.size(); i++) {
            ClaimResult r = onReference.get(i);
            ClaimResult j = onJava.get(i);
            List<String> from = new ArrayList<>();
            r.measured().ifPresent(m -> m.evidence().forEach(e -> from.add(e.replace(JAVA_RESULTS, REFERENCE_RESULTS)
                    .replace(JAVA_REPEATED, REFERENCE_REPEATED))));
            j.measured().ifPresent(m -> m.evidence().stream().filter(e -> !from.contains(e)).forEach(from::add));
            table.row(r.claim().words(), r.claim().seed().fileName(), r.claim().claimed(),
                    r.measured().map(Measured::text).orElse("-"), r.verdictWords(), r.why(),
                    j.measured().map(Measured::text).orElse("-"), j.verdictWords(),
                    disagreement(r, j, reference, java), from.isEmpty() ? "-" : String.join("; ", from));
        }
        return table.build();
    }

    private static final String JAVA_RESULTS = "load.claims.results[";
    private static final String REFERENCE_RESULTS = "load.claims.reference.results[";
    private static final String JAVA_REPEATED = "load.claims.repetitions[].results[";
    private static final String REFERENCE_REPEATED = "load.claims.repetitions[].reference.results[";
    /** Round trips a request within this of each other are the same conversation (RoundTripsTest's tolerance). */
    private static final double SAME_ROUND_TRIPS = 0.2;

    /**
     * "-" when the verdicts agree; else, for each run the claim reads, its ops/sec and round trips a request on each
     * stack, and whether the round trips explain the difference or the stacks' own work per request does.
     */
    static String disagreement(ClaimResult onReference, ClaimResult onJava, Map<String, LoadSummary> reference,
                               Map<String, LoadSummary> java) {
        if (onReference.verdict() == onJava.verdict()) {
            return "-";
        }
        List<String> runs = new ArrayList<>();
        boolean sameRoundTrips = true;
        for (String name : onReference.claim().loadRuns()) {
            LoadSummary r = reference.get(name);
            LoadSummary j = java.get(name);
            if (r == null || j == null) {
                runs.add(name + ": " + (r == null ? "not run on the reference stack" : "not run on the Java service"));
                continue;
            }
            Double rtR = r.roundTrips() == null ? null : r.roundTrips().perRequest();
            Double rtJ = j.roundTrips() == null ? null : j.roundTrips().perRequest();
            if (rtR == null || rtJ == null || Math.abs(rtR - rtJ) > SAME_ROUND_TRIPS) {
                sameRoundTrips = false;
            }
            runs.add(name + ": " + Fmt.number(ClaimInputs.operationsPerSecond(r)) + " ops/sec on the reference stack, "
                    + Fmt.number(ClaimInputs.operationsPerSecond(j)) + " on the Java service ("
                    + (rtR == null ? "-" : Fmt.number(rtR)) + " and " + (rtJ == null ? "-" : Fmt.number(rtJ))
                    + " round trips a request)");
        }
        if (runs.isEmpty()) {
            return "the verdicts differ (" + onReference.verdict().words() + ", " + onJava.verdict().words() + ")";
        }
        return String.join("; ", runs) + (sameRoundTrips
                ? ". The same round trips a request: the difference is each stack's own work per request and how it runs"
                  + " requests at once (Python on one uvicorn worker against the JVM)"
                : ". The stacks make different round trips a request, which the round trip multiplies");
    }

    private static String machine(Environment e) {
        return e.cores() + " cores, " + Fmt.number(e.memoryMb() / 1024.0) + " GiB, " + e.os() + ", JDK " + e.jdk() + "; "
                + e.databaseDescription() + " (PostgreSQL " + e.databaseSettings().getOrDefault("server_version", "?") + ")";
    }

    private static String tally(List<ClaimResult> results) {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        results.forEach(r -> counts.merge(r.verdict(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((verdict, n) -> parts.add(n + " " + verdict.words()));
        long oneFork = results.stream().filter(r -> r.indicative() && r.caveat().equals(Optional.of(ClaimResult.ONE_FORK))).count();
        long onLoad = results.stream().filter(ClaimResult::indicative).count() - oneFork;
        List<String> why = new ArrayList<>();
        if (onLoad > 0) {
            why.add(onLoad + " on a load figure of one run"
                    + (results.stream().anyMatch(r -> r.caveat().filter(c -> c.startsWith("compact")).isPresent())
                    ? " at the compact pass's smaller load" : ""));
        }
        if (oneFork > 0) {
            why.add(oneFork + " on benchmark points of one JMH fork");
        }
        return results.size() + " claims: " + String.join(", ", parts)
                + (why.isEmpty() ? "" : "; indicative: " + String.join(", ", why)) + ".";
    }

    /**
     * Why a benchmark verdict of one JMH fork is indicative, when the run has one: its interval is over one JVM's
     * iterations, and two runs of one commit have disagreed beyond it.
     */
    private static Optional<String> oneForkNote(List<ClaimResult> results) {
        if (results.stream().noneMatch(r -> r.indicative() && r.caveat().equals(Optional.of(ClaimResult.ONE_FORK)))) {
            return Optional.empty();
        }
        return Optional.of("A verdict read from benchmark points measured in one JVM each is marked \"indicative (1 JMH"
                + " fork)\": JMH's interval covers that JVM's iterations, not how much a fresh JVM differs, and two main-job"
                + " runs judged seed 002's JIT claim 1.22x and 0.73x. mvn verify -Pclaims measures the claims' points in"
                + " three forks.");
    }

    /**
     * How many times the claims run repeated its load runs: when once, that its load verdicts are indicative (the
     * main job's shorter run may do that; {@code -Pclaims} repeats them 3 times).
     */
    private static Optional<String> repetitions(Optional<ClaimsRun> claims) {
        if (claims.isEmpty() || claims.get().summaries().isEmpty() && claims.get().referenceSummaries().isEmpty()) {
            return Optional.empty();
        }
        int most = claims.get().repetitions().stream().mapToInt(ClaimsRun.Repetition::number).max().orElse(1);
        return Optional.of(most == 1
                ? "The claims run ran each load configuration once: its load figures have no interval, and the verdicts on"
                  + " them are indicative (mvn verify -Pclaims repeats each run 3 times; -Dpoolbench.claims.repetitions sets it)."
                : "The claims run ran each load configuration " + most + " times, interleaved (every configuration's first run,"
                  + " then every one's second, ...), so that a drift over the run falls on all of them alike.");
    }

}
