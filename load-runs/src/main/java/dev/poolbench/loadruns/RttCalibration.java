package dev.poolbench.loadruns;

import dev.poolbench.core.db.DatabaseSettings;
import dev.poolbench.results.Calibration;
import dev.poolbench.results.LoadSummary;
import dev.poolbench.results.ResultFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds the network round trip between service and database at which seed 001's baseline serves the seed's
 * 2.28 ops/sec, so that every other configuration is measured in that same setup (issue 6: "calibrated, not
 * faked"). On the event loop the service answers one request at a time, so the time per operation is close
 * to a line in the round trip, {@code a + b x rtt} (b is the round trips a request makes). The calibration
 * measures short probes at two or more round trips (few users, the service warmed first), fits that line by
 * least squares, solves it for the target, then confirms with the real run at the solved round trip; if that
 * misses the target by more than the tolerance it moves the line through the confirming point (same slope)
 * and confirms once more. The round trip never exceeds bench-core's limit ({@link DatabaseSettings#MAX_RTT});
 * when the target is out of reach, {@code calibration.json} ({@link Calibration}) says so rather than pretending.
 */
final class RttCalibration {

    /** What to calibrate: the rate to reach and how close counts. */
    record Target(double operationsPerSecond, double tolerance, String source) {

        /** The round trips to probe when none are given: a quarter and three quarters of the target's time per operation. */
        List<Duration> defaultProbes() {
            double period = 1 / operationsPerSecond;
            return List.of(clamp(0.25 * period), clamp(0.75 * period));
        }
    }

    record Probe(Duration rtt, long operations, double operationsPerSecond, String summary) {
        double secondsPerOperation() {
            return 1 / operationsPerSecond;
        }
    }

    /** Seconds per operation = {@code intercept + slope x rtt seconds}. */
    record Line(double interceptSeconds, double slope) {

        /** Least squares over the probes: two points give the line through them. */
        static Line fit(List<Probe> probes) {
            int n = probes.size();
            double sx = 0;
            double sy = 0;
            for (Probe p : probes) {
                sx += seconds(p.rtt());
                sy += p.secondsPerOperation();
            }
            double mx = sx / n;
            double my = sy / n;
            double sxy = 0;
            double sxx = 0;
            for (Probe p : probes) {
                sxy += (seconds(p.rtt()) - mx) * (p.secondsPerOperation() - my);
                sxx += (seconds(p.rtt()) - mx) * (seconds(p.rtt()) - mx);
            }
            double slope = sxx == 0 ? 0 : sxy / sxx;
            return new Line(my - slope * mx, slope);
        }

        /** The round trip at which the line gives {@code secondsPerOperation}; NaN when the line does not rise. */
        double rttSecondsFor(double secondsPerOperation) {
            return slope <= 0 ? Double.NaN : (secondsPerOperation - interceptSeconds) / slope;
        }
    }

    record Confirmation(Duration rtt, double operationsPerSecond, double deviation, boolean withinTolerance, String summary) {
    }

    /** What the calibration found; {@link #toCalibration()} is {@code calibration.json}. */
    record Outcome(Target target, String configuration, Stack stack, String simulation, Map<String, String> probeLoad,
                   List<Probe> probes, Line fit, Duration solved, List<Confirmation> confirmations, String note) {

        Duration chosen() {
            return confirmations.isEmpty() ? solved : confirmations.get(confirmations.size() - 1).rtt();
        }

        boolean reached() {
            return !confirmations.isEmpty() && confirmations.get(confirmations.size() - 1).withinTolerance();
        }

        Calibration toCalibration() {
            List<Calibration.Probe> probesFound = new ArrayList<>();
            for (Probe p : probes) {
                probesFound.add(new Calibration.Probe(p.rtt().toMillis(), p.operations(), p.operationsPerSecond(),
                        p.secondsPerOperation(), p.summary()));
            }
            List<Calibration.Confirmation> confirmed = new ArrayList<>();
            for (Confirmation c : confirmations) {
                confirmed.add(new Calibration.Confirmation(c.rtt().toMillis(), c.operationsPerSecond(), c.deviation(),
                        c.withinTolerance(), c.summary()));
            }
            return new Calibration(configuration, stack.spelling(), simulation,
                    new Calibration.Target(target.operationsPerSecond(), target.tolerance(), target.source()),
                    "seconds per operation = interceptSeconds + slope x round trip in seconds (on the event "
                            + "loop the service answers one request at a time)",
                    probeLoad, probesFound, new Calibration.Fit(fit.interceptSeconds(), fit.slope(), probes.size()),
                    solved.toMillis(), confirmed, chosen().toMillis(), reached(), note);
        }
    }

    private final LoadRun runner;
    private final Path results;

    /** Calibrates with {@code runner}; probe summaries go under {@code results}/calibration/. */
    RttCalibration(LoadRun runner, Path results) {
        this.runner = runner;
        this.results = results;
    }

    /**
     * @param configuration the configuration whose rate is the target (seed 001's baseline)
     * @param probeLoad     TodoApiSimulation's knobs for a probe (few users, no assertions to fail)
     * @param confirmation  the real run at a round trip; its summary is the confirming figure
     * @param resultFolder  where the plans' summaries go, relative to {@code load-results/} (e.g. {@code claims})
     */
    Outcome calibrate(Target target, List<Duration> probeRtts, ServiceConfiguration configuration,
                      Map<String, String> probeLoad, Function<Duration, LoadRun.Plan> confirmation, String resultFolder)
            throws Exception {
        return calibrate(target, probeRtts, configuration, Stack.JAVA, probeLoad, confirmation, resultFolder);
    }

    /** As above, on {@code stack} (the probes run on it; {@code confirmation} should too). */
    Outcome calibrate(Target target, List<Duration> probeRtts, ServiceConfiguration configuration, Stack stack,
                      Map<String, String> probeLoad, Function<Duration, LoadRun.Plan> confirmation, String resultFolder)
            throws Exception {
        List<Probe> probes = new ArrayList<>();
        for (Duration rtt : probeRtts) {
            LoadRun.Plan plan = new LoadRun.Plan("TodoApiSimulation", configuration.at(rtt), probeLoad,
                    resultFolder + "/calibration/probe-" + rtt.toMillis() + "ms", true, stack);
            LoadSummary summary = summaryOf(runner.run(plan));
            probes.add(new Probe(rtt, summary.operations(), summary.operationsPerSecond(),
                    "calibration/probe-" + rtt.toMillis() + "ms.json"));
        }
        Line fit = Line.fit(probes);
        double solvedSeconds = fit.rttSecondsFor(1 / target.operationsPerSecond());
        List<String> notes = new ArrayList<>();
        Duration solved;
        if (Double.isNaN(solvedSeconds)) {
            solved = probes.stream().min(java.util.Comparator.comparingDouble(
                    p -> Math.abs(p.operationsPerSecond() - target.operationsPerSecond()))).orElseThrow().rtt();
            notes.add("the probes did not get slower with a longer round trip (slope " + fit.slope()
                    + "), so no round trip can be solved for; the probe closest to the target was taken");
        } else {
            solved = clamp(solvedSeconds);
            notes.addAll(limits(solvedSeconds));
        }

        List<Confirmation> confirmations = new ArrayList<>();
        Duration rtt = solved;
        Path baseline = results.resolve(confirmation.apply(rtt).resultName() + ".json");
        for (int attempt = 0; attempt < 2; attempt++) {
            LoadSummary summary = summaryOf(runner.run(confirmation.apply(rtt)));
            double measured = summary.operationsPerSecond();
            double deviation = (measured - target.operationsPerSecond()) / target.operationsPerSecond();
            boolean within = Math.abs(deviation) <= target.tolerance();
            confirmations.add(new Confirmation(rtt, measured, deviation, within,
                    results.resolve(resultFolder).relativize(baseline).toString()));
            if (within || attempt == 1 || fit.slope() <= 0 || measured <= 0) {
                break;
            }
            // keep the measured run: it moves aside for the second, which takes its place
            String aside = "calibration/confirm-" + rtt.toMillis() + "ms.json";
            moveSummary(baseline, results.resolve(resultFolder).resolve(aside));
            confirmations.set(0, new Confirmation(rtt, measured, deviation, false, aside));
            double refined = seconds(rtt) + (1 / target.operationsPerSecond() - 1 / measured) / fit.slope();
            notes.addAll(limits(refined));
            Duration next = clamp(refined);
            if (next.equals(rtt)) {
                break;
            }
            rtt = next;
        }
        Confirmation last = confirmations.get(confirmations.size() - 1);
        if (!last.withinTolerance()) {
            notes.add(String.format(java.util.Locale.ROOT, "the target was not reached: %.3f ops/sec at %d ms, %+.1f%% "
                    + "from %.2f (tolerance %.0f%%)", last.operationsPerSecond(), last.rtt().toMillis(),
                    100 * last.deviation(), target.operationsPerSecond(), 100 * target.tolerance()));
        }
        return new Outcome(target, configuration.name(), stack, "TodoApiSimulation", probeLoad, probes, fit, solved,
                confirmations, notes.isEmpty() ? null : String.join("; ", notes));
    }

    static void write(Path file, Outcome outcome) throws IOException {
        ResultFiles.write(file, Calibration.FORMAT, outcome.toCalibration());
    }

    private static LoadSummary summaryOf(LoadRun.Result result) throws IOException {
        if (result.summary() == null) {
            throw new IOException("calibration run " + result.plan().resultName() + " failed: " + result.problem());
        }
        return result.summary();
    }

    /** Moves a summary (and its service log) and points its gatlingReport from the new folder. */
    private static void moveSummary(Path from, Path to) throws IOException {
        LoadSummary summary = LoadResult.read(from);
        Path report = from.getParent().resolve(summary.gatlingReport()).normalize();
        LoadResult.write(to, summary.withGatlingReport(to.getParent().relativize(report).toString()));
        Files.delete(from);
        Path log = Path.of(from.toString().replaceAll("\\.json$", "-service.log"));
        if (Files.isRegularFile(log)) {
            Files.move(log, Path.of(to.toString().replaceAll("\\.json$", "-service.log")), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static List<String> limits(double rttSeconds) {
        if (rttSeconds < 0) {
            return List.of("the target needs less than no round trip at all (" + Math.round(rttSeconds * 1000)
                    + " ms): the service is slower than the target even with the database next to it; 0 ms was taken");
        }
        if (rttSeconds > seconds(DatabaseSettings.MAX_RTT)) {
            return List.of("the target needs a round trip of " + Math.round(rttSeconds * 1000) + " ms, beyond bench-core's "
                    + DatabaseSettings.MAX_RTT.toMillis() + " ms limit; the limit was taken");
        }
        return List.of();
    }

    static Duration clamp(double rttSeconds) {
        long ms = Math.round(rttSeconds * 1000);
        return Duration.ofMillis(Math.max(0, Math.min(ms, DatabaseSettings.MAX_RTT.toMillis())));
    }

    static double seconds(Duration rtt) {
        return rtt.toNanos() / 1e9;
    }
}
