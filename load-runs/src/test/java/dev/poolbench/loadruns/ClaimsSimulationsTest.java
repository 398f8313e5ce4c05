package dev.poolbench.loadruns;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.todo.TodoSchema;
import dev.poolbench.results.LoadSummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The load the claims need, in miniature against real services: TodoApiSimulation's bulk mode (seed 001's
 * phase 3) counts the todo operations its requests really carried, and the read-heavy scenario reports seed
 * 004's cache hit rate from the service's own counters, with the pool's peak usage.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClaimsSimulationsTest {

    @TempDir
    static Path out;

    private static LoadRun runner;

    @BeforeAll
    static void runner() {
        runner = LoadRun.over(TestDatabase.get(), out, null, LoadSettings.Level.CLAIMS);
    }

    @Test
    void bulkModeCountsTheTodosItReallyCreated() throws Exception {
        ServiceConfiguration phase3 = ServiceConfiguration.named("phase3").withMoreFlags(List.of("--seed-rows", "200"));
        LoadRun.Result result = runner.run(new LoadRun.Plan("TodoApiSimulation", phase3,
                Map.of("users", "30", "bulk", "true", "bulkSize", "10", "followUps", "20"), "claims/phase3-bulk"));

        assertThat(result.passed()).as(String.valueOf(result.problem())).isTrue();
        LoadSummary summary = result.summary();
        Map<String, LoadSummary.RequestFigures> byRequest = LoadRunTestSupport.byName(summary);
        LoadSummary.RequestFigures bulk = byRequest.get("bulk create");
        assertThat(bulk.requests().ok()).isEqualTo(3L);
        long createdTodos = sequenceAdvance(200);
        assertThat(createdTodos).as("ids the table handed out after its 200 seeded rows").isEqualTo(30);
        assertThat(bulk.operations()).isEqualTo(createdTodos);
        long deleted = byRequest.get("delete").requests().ok();
        assertThat(deleted).isEqualTo(20);
        assertThat(rows("description = 'created in bulk by TodoApiSimulation'")).isEqualTo(createdTodos - deleted);

        long followUps = List.of("get", "list filtered", "update", "delete").stream()
                .mapToLong(name -> byRequest.get(name).requests().ok()).sum();
        assertThat(followUps).isEqualTo(4 * 20);
        assertThat(summary.operations()).isEqualTo(createdTodos + followUps);
        assertThat(summary.operationsPerSecond()).isCloseTo(
                (createdTodos + followUps) * 1000.0 / summary.durationMs(), within(1e-9));
        assertThat(summary.load()).containsEntry("bulk", true).containsEntry("bulkSize", 10).containsEntry("followUps", 20)
                .containsEntry("differsFromSeed", "30 users at once, not the seed's 200; only 20 of the 30 todos go on "
                        + "to get, list, update and delete (the seed: every one)");
    }

    @Test
    void theReadHeavyScenarioReportsTheCachesHitRateFromTheServicesCounters() throws Exception {
        Map<String, String> knobs = Map.of("users", "5", "duration", "5s", "workingSet", "20", "updatePercent", "10",
                "thinkTime", "20ms");
        LoadRun.Result cached = runner.run(new LoadRun.Plan("ReadHeavySimulation",
                ServiceConfiguration.named("seed004").withMoreFlags(List.of("--seed-rows", "200")), knobs,
                "claims/seed004-read-heavy", true));

        assertThat(cached.passed()).as(String.valueOf(cached.problem())).isTrue();
        LoadSummary summary = cached.summary();
        LoadSummary.Cache cache = summary.cache();
        long hits = cache.hits();
        long misses = cache.misses();
        long gets = LoadRunTestSupport.byName(summary).get("get").requests().total();
        assertThat(hits + misses).as("one cache lookup per GET of the run, the warm-up's not counted").isEqualTo(gets);
        assertThat(misses).as("each of the 20 todos misses at least once").isGreaterThanOrEqualTo(20);
        assertThat(cache.hitRate()).isEqualTo((double) hits / (hits + misses)).isGreaterThan(0.5);
        LoadSummary.Pool pool = summary.pool();
        assertThat(pool.name()).isEqualTo("queue");
        assertThat(pool.capacity()).isEqualTo(15);
        assertThat(pool.peakUsage()).isEqualTo(pool.peakActive() / 15.0);
        assertThat(pool.samples()).isPositive();
        assertThat(summary.load()).containsEntry("warmUpRequests", 5);

        LoadRun.Result control = runner.run(new LoadRun.Plan("ReadHeavySimulation",
                ServiceConfiguration.named("seed003").withMoreFlags(List.of("--seed-rows", "200")), knobs,
                "claims/seed003-read-heavy", true));
        assertThat(control.passed()).as(String.valueOf(control.problem())).isTrue();
        assertThat(control.summary().cache()).isNull();
        assertThat(control.summary().pool()).isNotNull();
    }

    /** Ids handed out beyond the {@code seeded} rows since the service emptied the table. */
    private static long sequenceAdvance(long seeded) throws SQLException {
        try (Connection c = TestDatabase.get().connect("pb-test-claims"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT last_value FROM " + sequence())) {
            rs.next();
            return rs.getLong(1) - seeded;
        }
    }

    private static String sequence() throws SQLException {
        try (Connection c = TestDatabase.get().connect("pb-test-claims"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_get_serial_sequence('" + TodoSchema.TABLE + "', 'id')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long rows(String where) throws SQLException {
        try (Connection c = TestDatabase.get().connect("pb-test-claims"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + TodoSchema.TABLE + " WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
