package dev.poolbench.loadruns;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.results.LoadSummary;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code mvn verify}'s smoke of the reference stack, in miniature: the seeds' own test (TodoApiSimulation, each user
 * one todo's life: create, get, list, update, delete) against the reference service's baseline, started as the
 * load runs start any service, and its summary's numbers: every request answered, and the three database round
 * trips a request a SQLAlchemy session makes (BEGIN, the statement, COMMIT or ROLLBACK), counted at the proxy.
 * Where Python or its packages are absent the test is skipped with the one line that says what to install, and the
 * run itself skips the plan the same way.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ReferenceSmokeTest {

    private static final int USERS = 20;
    private static final int REQUESTS_A_USER = 5;

    @TempDir
    static Path out;

    @Test
    void theReferenceBaselineUnderTheSeedsTestAnswersEveryRequestInThreeRoundTrips() throws Exception {
        LoadRun runner = LoadRun.over(TestDatabase.get(), out, null, LoadSettings.Level.SMOKE);
        LoadRun.Plan verify = LoadRun.VERIFY.stream().filter(plan -> plan.stack() == Stack.REFERENCE).findFirst().orElseThrow();
        Optional<String> unavailable = Stack.REFERENCE.unavailable(null);
        if (unavailable.isPresent()) {
            LoadRun.Result skipped = runner.run(verify);
            assertThat(skipped.wasSkipped()).isTrue();
            assertThat(skipped.problem()).isEqualTo("skipped: " + unavailable.get());
            Assumptions.abort("reference stack skipped: " + unavailable.get());
        }
        assertThat(verify.load()).containsEntry("users", Integer.toString(USERS));
        LoadRun.Plan plan = new LoadRun.Plan(verify.simulation(), verify.configuration().withMoreFlags(List.of("--seed-rows", "200")),
                verify.load(), verify.resultName(), verify.warmUp(), verify.stack());

        LoadRun.Result result = runner.run(plan);

        assertThat(result.passed()).as(String.valueOf(result.problem())).isTrue();
        assertThat(result.summaryFile()).isEqualTo(out.resolve("load-results").resolve("TodoApiSimulation-reference.json"));
        LoadSummary summary = LoadResult.read(result.summaryFile());
        assertThat(summary.stack()).isEqualTo("reference");
        assertThat(summary.configuration()).isEqualTo("baseline");
        assertThat(summary.service().transactions()).isEqualTo("session");
        assertThat(summary.service().label()).isEqualTo("queue 5+10, timeout 30s, event-loop, indexes off, session transactions");
        assertThat(summary.requests()).isEqualTo(new LoadSummary.Requests(USERS * REQUESTS_A_USER, USERS * REQUESTS_A_USER, 0));
        assertThat(summary.successRate()).isEqualTo(1.0);
        assertThat(summary.operations()).isEqualTo(USERS * REQUESTS_A_USER);
        assertThat(summary.operationsPerSecond()).isPositive();
        LoadSummary.RoundTrips roundTrips = summary.roundTrips();
        assertThat(roundTrips.rttMs()).isZero();
        assertThat(roundTrips.perRequest()).as("BEGIN, the statement, COMMIT or ROLLBACK").isCloseTo(3.0, within(0.2));
        assertThat(roundTrips.connectionsOpened()).as("the baseline's pool holds at most 15").isBetween(0L, 15L);
        assertThat(summary.pool().name()).isEqualTo("queue");
        assertThat(summary.poolSamples()).isNotEmpty();
    }

    @Test
    void aStackListIsReadOnceAndRefusedInOneLine() {
        assertThat(Stack.parseList("--stacks", "reference, java,reference")).containsExactly(Stack.REFERENCE, Stack.JAVA);
        assertThatThrownBy(() -> Stack.parseList("--stacks", "java,python"))
                .hasMessage("--stacks = 'java,python' is not accepted: java, reference, or both: java,reference");
    }
}
