package dev.poolbench.reports.sections;

import java.util.List;

/** The report's sections, in the order a reader meets them. */
public final class Sections {

    private Sections() {
    }

    public static List<ReportSection> standard(int spindles) {
        return List.of(
                new MeasuredInputs(),
                new ClaimsSection(),
                new StrategyComparison(),
                new ThreadsPerConnection(),
                new OverheadSection(),
                new PoolSizeCurve(spindles),
                new PoolSizeVerdict(),
                new InsertModes(),
                new IndexEffect(),
                new NativeCeilingSection(),
                new LoadScenarios(),
                new ServerConnectionsSection(),
                new FaultsSection(),
                new EnvironmentSection());
    }
}
