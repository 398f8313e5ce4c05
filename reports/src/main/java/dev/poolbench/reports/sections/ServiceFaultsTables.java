package dev.poolbench.reports.sections;

import dev.poolbench.reports.claims.SeedClaims;
import dev.poolbench.reports.render.Fmt;
import dev.poolbench.reports.render.Table;
import dev.poolbench.results.ServiceFaults;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Faults section's part from load-runs' service-faults.json: a database restart and an exhausted pool through the
 * service, each with and without seed 004's retry, on each stack that ran. The notes put each pair side by side, as
 * issue 16 asks: what the retry turned into slow successes, and what it cost.
 */
final class ServiceFaultsTables {

    private ServiceFaultsTables() {
    }

    static List<String> notes(ServiceFaults faults) {
        List<String> notes = new ArrayList<>();
        for (String stack : stacks(faults)) {
            ServiceFaults mine = faults.of(stack);
            pair(mine.restarts(), ServiceFaults.Restart::retry).ifPresent(p -> notes.add(restartNote(stack, p.off(), p.on())));
            pair(mine.exhaustions(), ServiceFaults.Exhaustion::retry).ifPresent(p -> notes.add(exhaustionNote(stack, p.off(), p.on())));
        }
        return notes;
    }

    static List<Table> tables(ServiceFaults faults) {
        Table.Builder restarts = Table.builder("Database restart through the service", "stack", "retry", "outage",
                "requests", "in flight during the outage: failed", "their p95", "their slowest", "after the return: failed",
                "succeeded on a later try", "tries per call", "first success after the return", "errors seen");
        for (ServiceFaults.Restart r : faults.restarts()) {
            restarts.row(stackName(r.stack()), r.retry(), Fmt.number(r.outageMs()) + " ms",
                    Fmt.number(r.requests()) + " at " + Fmt.number(r.requestsPerSecond()) + "/s",
                    Fmt.number(r.failedDuring()) + " of " + Fmt.number(r.during()),
                    Fmt.number(r.latencyDuring().p95()) + " ms", Fmt.number(r.latencyDuring().max()) + " ms",
                    Fmt.number(r.failedAfterReturn()) + " of " + Fmt.number(r.afterReturn()), Fmt.number(r.recovered()),
                    perCall(r.attempts(), r.calls()),
                    r.firstSuccessMs() == null ? "none" : Fmt.number(r.firstSuccessMs()) + " ms",
                    String.join("; ", r.sampleErrors().stream().map(FaultsSection::firstSentence).toList()));
        }
        Table.Builder exhaustions = Table.builder("Pool exhaustion through the service", "stack", "retry", "pool",
                "load", "succeeded", "p95", "p99", "tries per call", "pool timeouts (the pool's count)", "answered 503",
                "after the drop: failed", "recovered after the drop", "errors seen");
        for (ServiceFaults.Exhaustion e : faults.exhaustions()) {
            exhaustions.row(stackName(e.stack()), e.retry(),
                    Fmt.number(e.capacity()) + " connections, timeout " + Fmt.number(e.poolTimeoutMs()) + " ms",
                    Fmt.number(e.overloadPerSecond()) + "/s for " + seconds(e.overloadMs()) + ", then "
                            + Fmt.number(e.afterPerSecond()) + "/s for " + seconds(e.afterMs()),
                    Fmt.number(e.succeeded()) + " of " + Fmt.number(e.requests()) + " (" + Fmt.fraction(e.successRate()) + ")",
                    Fmt.number(e.latency().p95()) + " ms", Fmt.number(e.latency().p99()) + " ms",
                    Fmt.number(e.attemptsPerRequest()), Fmt.number(e.poolTimeouts()), Fmt.number(e.timedOut()),
                    Fmt.number(e.failedAfter()) + " of " + Fmt.number(e.requestsAfter()), SeedClaims.recovery(e),
                    String.join("; ", e.sampleErrors().stream().map(FaultsSection::firstSentence).toList()));
        }
        return List.of(restarts.build(), exhaustions.build());
    }

    private static String restartNote(String stack, ServiceFaults.Restart off, ServiceFaults.Restart on) {
        return "Restart through the " + stackName(stack) + " (" + off.label() + "; the database away "
                + Fmt.number(off.outageMs()) + " ms, " + Fmt.number(off.requestsPerSecond()) + " requests a second): without"
                + " the retry " + Fmt.number(off.failedDuring()) + " of the " + Fmt.number(off.during())
                + " requests in flight during the outage failed (p95 " + Fmt.number(off.latencyDuring().p95()) + " ms); with"
                + " seed 004's retry (" + on.retry() + ") " + Fmt.number(on.failedDuring()) + " of " + Fmt.number(on.during())
                + " failed and " + Fmt.number(on.recovered()) + " calls succeeded on a later try, the slowest request taking "
                + Fmt.number(on.latencyDuring().max()) + " ms (p95 " + Fmt.number(on.latencyDuring().p95()) + " ms). After the"
                + " return: " + Fmt.number(off.failedAfterReturn()) + " of " + Fmt.number(off.afterReturn()) + " failed without, "
                + Fmt.number(on.failedAfterReturn()) + " of " + Fmt.number(on.afterReturn()) + " with.";
    }

    private static String exhaustionNote(String stack, ServiceFaults.Exhaustion off, ServiceFaults.Exhaustion on) {
        return "Exhaustion through the " + stackName(stack) + " (" + Fmt.number(off.capacity()) + " connections, timeout "
                + Fmt.number(off.poolTimeoutMs()) + " ms, " + Fmt.number(off.overloadPerSecond()) + " requests a second): "
                + Fmt.fraction(off.successRate()) + " succeeded without the retry, " + Fmt.fraction(on.successRate())
                + " with it (" + on.retry() + "); p99 " + Fmt.number(off.latency().p99()) + " ms against "
                + Fmt.number(on.latency().p99()) + " ms; " + Fmt.number(on.attemptsPerRequest()) + " tries per call with it, and"
                + " the pool timed out " + Fmt.number(on.poolTimeouts()) + " times against " + Fmt.number(off.poolTimeouts())
                + " (" + Fmt.number(on.timedOut()) + " and " + Fmt.number(off.timedOut()) + " of them reached a caller as 503)."
                + " Once the load dropped, a newcomer was answered in time again " + SeedClaims.recovery(off) + " without the retry and "
                + SeedClaims.recovery(on) + " with it.";
    }


    private record Pair<T>(T off, T on) {
    }

    /** The scenario without the retry and the one with it, when both ran. */
    private static <T> Optional<Pair<T>> pair(List<T> runs, java.util.function.Function<T, String> retry) {
        Optional<T> off = runs.stream().filter(r -> retry.apply(r).equals("off")).findFirst();
        Optional<T> on = runs.stream().filter(r -> !retry.apply(r).equals("off")).findFirst();
        return off.isPresent() && on.isPresent() ? Optional.of(new Pair<>(off.get(), on.get())) : Optional.empty();
    }

    private static Set<String> stacks(ServiceFaults faults) {
        Set<String> stacks = new LinkedHashSet<>();
        faults.restarts().forEach(r -> stacks.add(r.stack()));
        faults.exhaustions().forEach(e -> stacks.add(e.stack()));
        return stacks;
    }

    static String stackName(String stack) {
        return stack.equals("reference") ? "reference stack" : "Java service";
    }

    private static String perCall(long attempts, long calls) {
        return calls == 0 ? "-" : Fmt.number(Math.round(100.0 * attempts / calls) / 100.0);
    }

    private static String seconds(long ms) {
        return Fmt.number(ms / 1000.0) + " s";
    }
}
