package dev.poolbench.reports.sections;

import dev.poolbench.core.seeds.Thresholds;
import dev.poolbench.reports.claims.ClaimInputs;
import dev.poolbench.reports.claims.ClaimResult;
import dev.poolbench.reports.claims.Measured;
import dev.poolbench.reports.claims.SeedClaims;
import dev.poolbench.reports.claims.Verdict;
import dev.poolbench.reports.render.Chart;
import dev.poolbench.reports.render.Fmt;
import dev.poolbench.reports.render.SectionView;
import dev.poolbench.reports.render.Table;
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

/**
 * The seed documents' claims, each with what this run measured and a verdict: holds, partly, does
 * not hold, or cannot be measured here (and why).
 */
final class ClaimsSection implements ReportSection {

    static final String ID = "claims";
    private static final String TITLE = "Claims";

    @Override
    public SectionView render(Run run) {
        String lead = "The seed documents' claims (../shared/seeds/), each judged on this run's own results. Load figures"
                + " are todo operations per second through the TODO service under the seed's own test (200 users at once);"
                + " database figures come from the JMH claims grid.";
        if (run.claims().isEmpty() && run.jmh().isEmpty()) {
            return SectionView.notMeasured(ID, TITLE, lead, "neither the claims load run nor JMH ran (mvn verify -Pclaims runs both)");
        }
        Map<String, LoadSummary> summaries = run.claims().map(ClaimsRun::summaries).orElse(Map.of());
        Optional<Calibration> calibration = run.claims().flatMap(ClaimsRun::calibration);
        Optional<Boolean> jit = run.jmhEnvironment().map(e -> e.databaseSettings().get("jit_available"))
                .map(v -> v.equals("on") || v.equals("true"));
        List<ClaimResult> results = SeedClaims.judge(new ClaimInputs(run.jmh(), summaries, calibration, jit, run.faults()));

        List<String> notes = new ArrayList<>();
        calibration.ifPresent(c -> notes.add("Calibrated round trip: " + c.chosenRttMs() + " ms between the"
                + " service and the database, found so that the seed's baseline (queue 5+10, sync calls on the event loop)"
                + " makes " + (c.target() == null ? "" : String.valueOf(c.target().operationsPerSecond()))
                + " ops/sec; every load figure was measured"
                + " at it. Database figures were measured with no added round trip."));
        run.claims().flatMap(ClaimsRun::environment).or(run::jmhEnvironment).ifPresent(e -> notes.add("Measured on: " + machine(e)));
        if (run.claims().isEmpty()) {
            notes.add("Not measured in this run: the claims load run (mvn verify -Pclaims); the load claims cannot be judged.");
        }
        notes.add(tally(results));
        notes.add("Verdicts: a promised factor holds when the measured interval reaches into the promised range; partly when"
                + " the improvement is real (the whole interval above 1) but larger or smaller than promised; it does not hold"
                + " when the interval reaches 1. JMH intervals are 99.9% confidence intervals (a ratio takes both at their worst);"
                + " a load figure is one run, and a ratio of two gets a band of +/-" + Fmt.number(100 * Thresholds.LOAD_SPREAD) + "% on each run, the run-to-run spread measured for this simulation on this machine.");
        notes.add("Every figure names, under \"from\", the entries of run.json it was computed from.");

        Table.Builder table = Table.builder("Claims", "claim", "source", "claimed", "measured", "verdict", "why", "from");
        for (ClaimResult r : results) {
            table.row(r.claim().words(), r.claim().seed().fileName(), r.claim().claimed(),
                    r.measured().map(m -> m.text()).orElse("-"), r.verdict().words(), r.why(),
                    r.measured().map(m -> String.join("; ", m.evidence())).orElse("-"));
        }
        List<Chart> charts = new ArrayList<>();
        if (!summaries.isEmpty()) {
            Chart.Builder chart = Chart.bar(ID + "-configurations", "Operations per second per seed configuration, at the calibrated round trip",
                    "configuration", "ops/sec").logY();
            List<String> names = new ArrayList<>(summaries.keySet());
            chart.categories(names);
            List<Chart.Datum> data = new ArrayList<>();
            for (String name : names) {
                data.add(Chart.datum(name, ClaimInputs.operationsPerSecond(summaries.get(name)), Double.NaN, Double.NaN));
            }
            charts.add(chart.series("ops/sec", data).build());
        }
        return new SectionView(ID, TITLE, lead, notes, charts, List.of(table.build()));
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
        return results.size() + " claims: " + String.join(", ", parts) + ".";
    }

}
