package dev.poolbench.results;

/**
 * Whether bench-pools' benchmark run finished ({@code run-status.json}): written incomplete when the run
 * starts and after every JMH run, complete at the end, interrupted when a signal stopped it.
 *
 * @param endedAt null while the run goes on
 */
public record RunStatus(boolean complete, boolean interrupted, String startedAt, String endedAt, int plannedJmhRuns,
                        int finishedJmhRuns) {

    public static final ResultFormat<RunStatus> FORMAT = new ResultFormat<>("poolbench-run-status/1", "run-status.json",
            RunStatus.class);
}
