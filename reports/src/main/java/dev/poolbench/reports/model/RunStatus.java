package dev.poolbench.reports.model;

/** Whether bench-pools' run finished (format poolbench-run-status/1). */
public record RunStatus(boolean complete, boolean interrupted, int plannedJmhRuns, int finishedJmhRuns) {
}
