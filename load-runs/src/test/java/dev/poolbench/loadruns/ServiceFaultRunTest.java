package dev.poolbench.loadruns;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.results.ServiceFaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service-level fault scenarios in miniature (the claims run's are {@link ServiceFaultRun.Sizes#CLAIMS}), on the
 * Java service, with a 3x400ms retry instead of the seed's 3x2s: what the requests saw, what the service counted and
 * what the pool counted must agree with each other.
 */
class ServiceFaultRunTest {

    /** A 1 s restart at 20 requests a second; 100 a second for 2 s against 3 connections, then 5 a second. */
    private static final ServiceFaultRun.Sizes MINIATURE = new ServiceFaultRun.Sizes(Duration.ofSeconds(1), 20,
            Duration.ofMillis(700), Duration.ofMillis(2500), 100, Duration.ofSeconds(2), 5, Duration.ofMillis(1500));
    /** Sleeps of 400 ms and 800 ms: together longer than the 1 s outage, so a retried request outlives it. */
    private static final String RETRY = "3x400ms";

    @TempDir
    static Path logs;

    @Test
    void aRestartFailsTheRequestsItCatchesWithoutTheRetryAndWithItTheySucceedLater() throws Exception {
        ServiceFaults.Restart without = restart("off");
        ServiceFaults.Restart with = restart(RETRY);

        assertThat(without.retry()).isEqualTo("off");
        assertThat(without.failedDuring()).as("requests the outage caught, without the retry").isPositive();
        assertThat(without.recovered()).isZero();
        assertThat(without.attempts()).as("one try a call").isEqualTo(without.calls());
        assertThat(without.sampleErrors()).first().asString().contains(" x 500 database error:");

        assertThat(with.retry()).isEqualTo(RETRY);
        assertThat(with.label()).endsWith(", retry 3x400ms");
        assertThat(with.during()).isPositive();
        assertThat(with.failedDuring()).as("every request the outage caught was tried again after it").isZero();
        assertThat(with.failed()).isZero();
        assertThat(with.recovered()).as("calls that succeeded on a later try").isPositive();
        assertThat(with.attempts()).isGreaterThanOrEqualTo(with.calls() + with.recovered());
        assertThat(with.latencyDuring().max()).as("a retried request waited out at least one sleep").isGreaterThanOrEqualTo(400);
    }

    @Test
    void anExhaustedPoolTimesOutOnceARetryAndTheCallersSeeOnlyTheLastTimeout() throws Exception {
        ServiceFaults.Exhaustion without = exhaustion("off");
        ServiceFaults.Exhaustion with = exhaustion(RETRY);

        assertThat(without.capacity()).isEqualTo(3);
        assertThat(without.poolTimeouts()).as("pool timeouts without the retry").isPositive();
        // without the retry, each pool timeout reaches its caller as a 503
        assertThat(without.timedOut()).isEqualTo(without.poolTimeouts());
        assertThat(without.attemptsPerRequest()).isEqualTo(1.0);

        assertThat(with.poolTimeouts()).as("pool timeouts with the retry").isPositive();
        assertThat(with.attemptsPerRequest()).isGreaterThan(1.0);
        // every retry followed a timeout that was not its call's last; a 503 is a call's third timeout
        assertThat(with.attempts() - with.calls()).isEqualTo(with.poolTimeouts() - with.timedOut());
        assertThat(with.poolTimeouts()).isGreaterThanOrEqualTo(3 * with.timedOut());
        assertThat(with.requests()).as("the same arrivals either way (an open model)")
                .isBetween(without.requests() - 20, without.requests() + 20);
    }

    private static ServiceFaults.Restart restart(String retry) throws Exception {
        return ServiceFaultRun.restart(TestDatabase.get(), Stack.JAVA, Stack.javaLauncher(null),
                ServiceFaultRun.restartConfiguration(retry), MINIATURE, logs);
    }

    private static ServiceFaults.Exhaustion exhaustion(String retry) throws Exception {
        return ServiceFaultRun.exhaustion(TestDatabase.get(), Stack.JAVA, Stack.javaLauncher(null),
                ServiceFaultRun.exhaustionConfiguration(retry), MINIATURE, logs);
    }

    /**
     * The claims run's {@code --only} governs this run too: it goes when the list is empty or names it, and a list that
     * leaves it out skips it in one line, before any database starts; a name neither run knows is refused.
     */
    @Test
    void onlyTheClaimsRunsPickThatNamesServiceFaultsRunsIt() throws Exception {
        Path out = logs.resolve("only");
        assertThat(ServiceFaultRun.picked(null)).isTrue();
        assertThat(ServiceFaultRun.picked("")).isTrue();
        assertThat(ServiceFaultRun.picked(" baseline , service-faults ")).isTrue();
        assertThat(ServiceFaultRun.picked("baseline")).isFalse();

        LoadRunTestSupport.Console skipped = LoadRunTestSupport.execute(new ServiceFaultRun(), "--only=phase2, seed004",
                "--out=" + out);
        assertThat(skipped.exit()).isZero();
        assertThat(skipped.out()).isEqualTo("poolbench service faults: skipped, --only=phase2, seed004 does not name"
                + " service-faults" + System.lineSeparator());
        assertThat(out).doesNotExist();

        LoadRunTestSupport.Console refused = LoadRunTestSupport.execute(new ServiceFaultRun(), "--only=phase4");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).startsWith("service-fault-run: --only = 'phase4' is not accepted: one or more of baseline,")
                .endsWith(", seed003-read-heavy, service-faults" + System.lineSeparator());
    }

    @Test
    void theConfigurationsAreSeed004sWithoutItsCacheAndTheSmallPoolInSessions() {
        assertThat(ServiceFaultRun.restartConfiguration("3x2s").flags()).containsSubsequence("--cache-ttl", "0s")
                .containsSubsequence("--retry", "3x2s").containsSubsequence("--pool-timeout", "20s");
        assertThat(ServiceFaultRun.restartConfiguration("off").name()).isEqualTo("seed004-no-retry");
        assertThat(ServiceFaultRun.exhaustionConfiguration("off").flags()).containsSubsequence("--retry", "off")
                .containsSubsequence("--transactions", "session").containsSubsequence("--pool-timeout", "250ms");
        assertThat(ServiceFaultRun.exhaustionConfiguration("3x2s").rtt()).isEqualTo(Duration.ofMillis(20));
        assertThat(List.of(ServiceFaultRun.Sizes.CLAIMS.outage())).containsExactly(Duration.ofSeconds(5));
    }
}
