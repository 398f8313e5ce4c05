package dev.poolbench.reports.cli;

import dev.poolbench.core.config.SettingsException;
import dev.poolbench.reports.render.CompareHtml;
import dev.poolbench.reports.render.CompareText;
import dev.poolbench.reports.claims.VerdictComparison;
import dev.poolbench.reports.model.Points;
import dev.poolbench.reports.model.Run;
import dev.poolbench.reports.model.RunReader;
import dev.poolbench.reports.stats.ComparedPoint;
import dev.poolbench.reports.stats.Comparison;
import dev.poolbench.reports.stats.LoadComparison;
import dev.poolbench.reports.stats.RunComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code compare}: which differences between two runs are real, point by point. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compares two run artifacts (run.json) point by point, with a Mann-Whitney U test on the iteration "
                + "values at alpha 0.05, as benchstat does; \"~\" marks no significant difference.",
                "Load figures both runs have (ops/sec, p95, p99 of each configuration) follow, the median of each one's runs"
                        + " with Welch's t-test across the runs; a side of one run is not tested.",
                "Points measured by only one run are listed, not dropped."})
final class CompareCommand implements Callable<Integer> {

    static final double MAX_PCT = 1000;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASELINE", description = "the run to compare against (a run.json)")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CANDIDATE", description = "the run to judge (a run.json)")
    Path candidate;

    @Option(names = "--fail-on-regression", paramLabel = "PCT",
            description = "exit 1 when a significant slowdown, of a JMH point or a load figure, is larger than PCT percent (for CI)")
    String failOnRegression;

    @Option(names = "--fail-on-verdict-change",
            description = "exit 1 when a claim's verdict is settled in both runs (measured, decided, not indicative) and"
                    + " differs: two runs of one commit must agree on those")
    boolean failOnVerdictChange;

    @Option(names = "--ignore", paramLabel = "PARAM", split = ",",
            description = "parameters left out when matching points, such as prePing when the runs differ in it")
    List<String> ignore = List.of();

    @Option(names = "--html", paramLabel = "FILE",
            description = "where compare.html goes (default: compare.html beside CANDIDATE)")
    Path html;

    @Override
    public Integer call() throws Exception {
        Double threshold = failOnRegression == null ? null : percentage(failOnRegression);
        Run base = RunReader.read(baseline);
        Run cand = RunReader.read(candidate);
        Set<String> ignored = new LinkedHashSet<>(ignore);
        Comparison comparison = RunComparison.of(Points.of(base), Points.of(cand), ignored);

        PrintWriter out = spec.commandLine().getOut();
        String baseName = describe(baseline, base);
        String candName = describe(candidate, cand);
        List<LoadComparison.Row> load = LoadComparison.of(base, cand);
        out.print(CompareText.render(baseName, candName, comparison, load));
        List<VerdictComparison.Row> verdicts = VerdictComparison.of(base, cand);
        out.print(CompareText.verdicts(verdicts));
        if (LoadComparison.claimsAtDifferentScales(base, cand)) {
            out.println();
            out.println("claims load figures not compared: one run's are the main job's compact pass, the other's the"
                    + " seed's load");
        }
        if (LoadComparison.hasLoad(base) != LoadComparison.hasLoad(cand)) {
            out.println();
            out.println("load figures not compared: only the " + (LoadComparison.hasLoad(base) ? "baseline" : "candidate")
                    + " has load results");
        }
        Path htmlFile = html != null ? html : candidate.toAbsolutePath().getParent().resolve("compare.html");
        Files.writeString(htmlFile, CompareHtml.render(baseName, candName, comparison, load, verdicts));
        out.println();
        out.println("wrote " + htmlFile);

        List<VerdictComparison.Row> disagreements = VerdictComparison.disagreements(verdicts);
        if (failOnVerdictChange && !disagreements.isEmpty()) {
            out.println(disagreements.size() + " settled verdict" + (disagreements.size() == 1 ? "" : "s") + " changed:");
            for (VerdictComparison.Row r : disagreements) {
                out.println("  VERDICT " + r.claimId() + " (" + r.stack() + "): " + r.baseline().verdictWords()
                        + " in the baseline, " + r.candidate().verdictWords() + " in the candidate");
            }
        }
        boolean verdictChanged = failOnVerdictChange && !disagreements.isEmpty();
        if (threshold == null) {
            return verdictChanged ? PoolReport.REGRESSION : PoolReport.OK;
        }
        List<ComparedPoint> regressions = comparison.regressions(threshold);
        List<LoadComparison.Row> loadRegressions = load.stream()
                .filter(r -> r.isSignificantSlowdown(threshold)).toList();
        int count = regressions.size() + loadRegressions.size();
        if (count == 0) {
            out.println("no significant slowdown beyond " + plain(threshold) + "%");
            return verdictChanged ? PoolReport.REGRESSION : PoolReport.OK;
        }
        out.println(count + " significant slowdown" + (count == 1 ? "" : "s") + " beyond " + plain(threshold) + "%:");
        for (ComparedPoint r : regressions) {
            out.println("  REGRESSION " + r.label() + ": " + slower(r.slowdownPct()) + " " + CompareText.delta(r));
        }
        for (LoadComparison.Row r : loadRegressions) {
            String[] cells = CompareText.loadCells(r);
            out.println("  REGRESSION " + cells[0] + ": " + slower(r.slowdownPct()) + " (baseline " + cells[1] + ", candidate "
                    + cells[2] + ", " + CompareText.loadTest(r) + ")");
        }
        return PoolReport.REGRESSION;
    }

    /** "29.0% slower": a slowdown in percent, fewer operations or slower answers alike. */
    private static String slower(double slowdownPct) {
        return String.format(java.util.Locale.ROOT, "%.1f%% slower", slowdownPct);
    }

    /** 10 for 10.0, 2.5 for 2.5: the threshold as the user gave it. */
    private static String plain(double pct) {
        return java.math.BigDecimal.valueOf(pct).stripTrailingZeros().toPlainString();
    }

    private static String describe(Path file, Run run) {
        return file + " (run of " + run.createdAt() + run.git().map(g -> ", commit " + g.commit().substring(0, Math.min(12, g.commit().length())))
                .orElse("") + ")";
    }

    /** The threshold, refused with one line unless it is a percentage from 0 to {@value #MAX_PCT}. */
    static double percentage(String value) {
        try {
            double pct = Double.parseDouble(value.trim().endsWith("%") ? value.trim().replace("%", "") : value.trim());
            if (pct >= 0 && pct <= MAX_PCT && !Double.isNaN(pct)) {
                return pct;
            }
        } catch (NumberFormatException e) {
            // refused below, with what is accepted
        }
        throw SettingsException.badValue("--fail-on-regression", value, "a percentage from 0 to 1000, such as 10 or 10%");
    }
}
