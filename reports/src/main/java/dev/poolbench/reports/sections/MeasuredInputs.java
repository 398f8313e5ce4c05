package dev.poolbench.reports.sections;

import dev.poolbench.reports.render.SectionView;
import dev.poolbench.reports.render.Table;
import dev.poolbench.reports.model.Run;

import java.util.ArrayList;
import java.util.List;

/** What this run measured and what it did not, before any number: absent inputs are said, not hidden. */
final class MeasuredInputs implements ReportSection {

    @Override
    public SectionView render(Run run) {
        Table.Builder table = Table.builder("Inputs of this run", "input", "measured");
        table.row("JMH benchmarks (bench-pools)", run.jmhMeasured() ? count(run.jmh().size(), "result") : "no");
        table.row("pgbench native ceiling", run.nativeCeiling().isPresent() ? count(run.nativeCeiling().get().points().size(), "client count") : "no");
        table.row("server connections per benchmark point", run.serverConnections().isEmpty() ? "no" : count(run.serverConnections().size(), "point"));
        table.row("pool-size formula (cores, spindles)", run.poolSizing().map(f -> f.cores() + " cores, " + f.spindles() + " spindles").orElse("no"));
        table.row("load scenarios (Gatling)", run.loadMeasured() ? count(run.load().size(), "simulation run") : "no");
        List<String> notes = new ArrayList<>();
        run.jmhStatus().filter(status -> !status.complete()).ifPresent(status -> notes.add("This benchmark run did not complete"
                + (status.interrupted() ? " (interrupted" : " (still running or stopped")
                + " after " + status.finishedJmhRuns() + " of " + status.plannedJmhRuns()
                + " JMH runs): the JMH numbers below are what it measured before it stopped."));
        for (String absent : run.notMeasured()) {
            notes.add("Not measured in this run: " + absent);
        }
        String lead = "Every number below comes from this run's result files; a section whose inputs are absent says so.";
        return new SectionView("inputs", "Measured in this run", lead, notes, List.of(), List.of(table.build()));
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
