package dev.poolbench.reports.model;

import dev.poolbench.reports.input.GitInfo;
import dev.poolbench.results.Faults;
import dev.poolbench.results.NativeCeiling;
import dev.poolbench.results.PoolSizingPeaks;
import dev.poolbench.results.RunStatus;
import dev.poolbench.results.ServerConnectionPoints;
import dev.poolbench.results.ServiceFaults;
import dev.poolbench.results.Sizing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One run as the reports see it: everything measured, read back from a run artifact. Sections,
 * summaries and compare all start here, so a report rendered now and one rendered from the same
 * run.json next month say the same thing.
 */
public record Run(Instant createdAt, String toolVersion, Optional<GitInfo> git,
                  boolean jmhMeasured, List<JmhResult> jmh, Optional<Environment> jmhEnvironment,
                  Optional<NativeCeiling> nativeCeiling, List<ServerConnectionPoints.Point> serverConnections,
                  Optional<PoolSizingPeaks> poolSizing, Optional<RunStatus> jmhStatus, Optional<Faults> faults,
                  boolean loadMeasured, List<LoadSummaryFile> load, Optional<Environment> loadEnvironment,
                  Optional<ClaimsRun> claims, Optional<ServiceFaults> serviceFaults,
                  Optional<Sizing> sizing, List<String> notMeasured) {
}
