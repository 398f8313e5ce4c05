package dev.poolbench.loadruns;

import dev.poolbench.core.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Each simulation, in miniature, really runs: a service started as a child process, Gatling against it,
 * a summary written, the service stopped. Each summary is checked against Gatling's own HTML report:
 * counts, min and max exactly, the mean to the report's whole milliseconds, throughput to its two
 * decimals, error messages and counts exactly. Percentiles: the summary's are exact (nearest rank); the report's are t-digest estimates, so
 * each report percentile must sit at the right rank of the run's own response times, within 5 points
 * (the report's p95 must lie between the exact p90 and p100), and the summary's must be that exact rank.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LoadRunTest {

    @TempDir
    static Path out;

    private static LoadRun runner;

    @BeforeAll
    static void runner() {
        runner = LoadRun.over(TestDatabase.get(), out, null, LoadSettings.Level.SMOKE);
    }

    static Stream<Arguments> miniatures() {
        return Stream.of(
                Arguments.of(new LoadRun.Plan("TodoApiSimulation", small(ServiceConfiguration.BASELINE),
                        Map.of("users", "20"))),
                Arguments.of(new LoadRun.Plan("PoolExhaustionSimulation", small(ServiceConfiguration.EXHAUSTION),
                        Map.of("users", "15", "duration", "4s", "rows", "200", "minSuccessPercent", "0"))),
                Arguments.of(new LoadRun.Plan("MixedOperationsSimulation", small(ServiceConfiguration.SEED_003),
                        Map.of("users", "2", "jobs", "1", "bulkSize", "10", "duration", "4s", "rows", "200"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("miniatures")
    @SuppressWarnings("unchecked")
    void aShortRealRunWritesASummaryThatAgreesWithGatlingsReport(LoadRun.Plan plan) throws Exception {
        LoadRun.Result result = runner.run(plan);

        assertThat(result.passed()).as(String.valueOf(result.problem())).isTrue();
        assertThat(ProcessHandle.of(result.servicePid()).map(ProcessHandle::isAlive)).as("service stopped").isNotEqualTo(java.util.Optional.of(true));
        assertThat(result.summaryFile()).isEqualTo(out.resolve("load-results").resolve(plan.simulation() + ".json"));
        Map<String, Object> summary = LoadResult.JSON.readValue(result.summaryFile().toFile(), Map.class);
        assertThat(summary.keySet()).containsExactly("format", "simulation", "configuration", "stack", "service", "load",
                "startedAt", "endedAt", "durationMs", "requests", "successRate", "throughputRps", "operations", "operationsPerSecond",
                "latencyMs", "byRequest", "errors", "pool", "roundTrips", "poolSamples", "gatlingReport");
        assertThat(summary).containsEntry("format", "poolbench-load-result/1")
                .containsEntry("simulation", plan.simulation())
                .containsEntry("configuration", plan.configuration().name())
                .containsEntry("stack", "java");
        Map<String, Object> service = (Map<String, Object>) summary.get("service");
        assertThat(service.keySet()).containsExactly("pool", "poolSize", "maxOverflow", "poolTimeoutMs", "recycleMs",
                "prePing", "indexes", "cacheTtlMs", "jit", "execution", "transactions", "label");
        Map<String, Object> load = (Map<String, Object>) summary.get("load");
        assertThat(load).containsEntry("level", "smoke");
        plan.load().forEach((knob, value) -> assertThat(load).containsKey(knob.equals("duration") ? "durationMs" : knob));

        Path index = out.resolve("load-results").resolve((String) summary.get("gatlingReport")).normalize();
        assertThat(index).isRegularFile();
        GatlingReportPage report = GatlingReportPage.read(index);
        List<Map<String, Object>> byRequest = (List<Map<String, Object>>) summary.get("byRequest");
        assertThat(report.rows.keySet()).containsExactlyElementsOf(names(byRequest));
        GatlingStats.RunStats stats = GatlingStats.read(index.getParent());
        agrees(summary, report.rows.get("All Requests"), stats.all());
        for (Map<String, Object> request : byRequest) {
            String name = (String) request.get("name");
            agrees(request, report.rows.get(name), stats.byRequest().get(name));
        }
        Map<String, Object> requests = (Map<String, Object>) summary.get("requests");
        assertThat(((Number) summary.get("successRate")).doubleValue()).isCloseTo(
                ((Number) requests.get("ok")).doubleValue() / ((Number) requests.get("total")).doubleValue(), within(1e-9));
        assertThat(byRequest.stream().mapToLong(r -> number(((Map<String, Object>) r.get("requests")).get("total"))).sum())
                .isEqualTo(number(requests.get("total")));
        // one todo operation per answered request (no bulk here), over the run's exact span, which Gatling's
        // throughput rounds up to whole seconds
        assertThat(number(summary.get("operations"))).isEqualTo(number(requests.get("ok")));
        long durationMs = number(summary.get("durationMs"));
        assertThat(((Number) summary.get("operationsPerSecond")).doubleValue()).isCloseTo(
                number(requests.get("ok")) * 1000.0 / durationMs, within(1e-9));
        assertThat(((Number) summary.get("throughputRps")).doubleValue()).isCloseTo(
                number(requests.get("total")) / Math.ceil(durationMs / 1000.0), within(1e-9));
        Map<String, Object> pool = (Map<String, Object>) summary.get("pool");
        assertThat(pool.keySet()).containsExactly("name", "capacity", "peakActive", "peakUsage", "meanActive", "peakWaiting",
                "peakServerConnections", "timeouts", "samples");
        assertThat(number(pool.get("capacity"))).isEqualTo(number(service.get("poolSize")) + number(service.get("maxOverflow")));
        assertThat(number(pool.get("peakActive"))).isBetween(0L, number(pool.get("capacity")));
        Map<String, Object> roundTrips = (Map<String, Object>) summary.get("roundTrips");
        assertThat(roundTrips.keySet()).containsExactly("rttMs", "exchanges", "perRequest", "connectionsOpened", "probeExchanges");
        assertThat(number(roundTrips.get("rttMs"))).isEqualTo(plan.configuration().rtt().toMillis());
        assertThat(((Number) roundTrips.get("perRequest")).doubleValue()).isCloseTo(
                (double) number(roundTrips.get("exchanges")) / number(requests.get("total")), within(1e-9));
        if (plan.simulation().equals("TodoApiSimulation")) {
            assertThat(((Number) roundTrips.get("perRequest")).doubleValue())
                    .as("the baseline in session style: BEGIN, the statement, COMMIT or ROLLBACK for every request")
                    .isCloseTo(3.0, within(0.2));
        } else {
            assertThat(number(roundTrips.get("exchanges"))).isPositive();
        }
        List<Map<String, Object>> errors = (List<Map<String, Object>>) summary.get("errors");
        assertThat(errors).hasSize(report.errors.size());
        for (Map<String, Object> error : errors) {
            assertThat(report.errors).containsEntry((String) error.get("message"), number(error.get("count")));
        }

        List<Map<String, Object>> samples = (List<Map<String, Object>>) summary.get("poolSamples");
        assertThat(samples).isNotEmpty();
        assertThat(samples.get(0).keySet()).containsExactly("at", "active", "idle", "waiting", "opened", "timeouts",
                "serverActive", "serverIdle", "serverTotal");
        assertThat(number(samples.get(samples.size() - 1).get("opened"))).as("the run opened connections").isPositive();
        assertThat(Files.readString(result.summaryFile())).doesNotContain(TestDatabase.get().password());
    }

    @Test
    void theServiceIsStoppedEvenWhenGatlingFails() throws Exception {
        LoadRun.Result result = runner.run(new LoadRun.Plan("NoSuchSimulation", small(ServiceConfiguration.BASELINE), Map.of()));

        assertThat(result.passed()).isFalse();
        assertThat(result.summary()).isNull();
        assertThat(result.problem()).startsWith("Gatling wrote no report (exit ");
        assertThat(result.servicePid()).isPositive();
        assertThat(ProcessHandle.of(result.servicePid()).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    }

    @Test
    void aServiceThatRefusesItsFlagsFailsTheRunWithItsOwnWords() throws Exception {
        ServiceConfiguration bad = new ServiceConfiguration("bad", List.of("--pool", "pgbouncer"), java.time.Duration.ZERO);

        LoadRun.Result result = runner.run(new LoadRun.Plan("TodoApiSimulation", bad, Map.of()));

        assertThat(result.passed()).isFalse();
        assertThat(result.problem()).contains("the service stopped before it listened (exit 2): "
                + "todo-service: --pool = 'pgbouncer' is not accepted: one of none, static, single, queue, hikari, dbcp2, agroal, vibur, tomcat, c3p0");
    }

    /** The same configuration with a small table, so the service starts fast. */
    private static ServiceConfiguration small(ServiceConfiguration configuration) {
        List<String> flags = new ArrayList<>(configuration.flags());
        flags.addAll(List.of("--seed-rows", "200"));
        return new ServiceConfiguration(configuration.name(), flags, configuration.rtt());
    }

    @SuppressWarnings("unchecked")
    private static void agrees(Map<String, Object> figures, GatlingReportPage.Row row, GatlingStats.Figures exact) {
        assertThat(row).as("a row in the report").isNotNull();
        Map<String, Object> requests = (Map<String, Object>) figures.get("requests");
        Map<String, Object> latency = (Map<String, Object>) figures.get("latencyMs");
        assertThat(number(requests.get("total"))).isEqualTo(row.total());
        assertThat(number(requests.get("ok"))).isEqualTo(row.ok());
        assertThat(number(requests.get("ko"))).isEqualTo(row.ko());
        assertThat(exact.histogram().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(row.total());
        assertThat(((Number) figures.get("throughputRps")).doubleValue()).isCloseTo(row.countPerSecond(), within(0.0051));
        assertThat(number(latency.get("min"))).isEqualTo(row.min());
        assertThat(number(latency.get("max"))).isEqualTo(row.max());
        assertThat(((Number) latency.get("mean")).doubleValue()).isCloseTo(row.mean(), within(1.0));
        percentile(50, latency.get("p50"), row.p50(), exact);
        percentile(75, latency.get("p75"), row.p75(), exact);
        percentile(95, latency.get("p95"), row.p95(), exact);
        percentile(99, latency.get("p99"), row.p99(), exact);
    }

    /** The summary's percentile is the exact rank; the report's estimate sits within 5 points of that rank. */
    private static void percentile(double p, Object summary, int report, GatlingStats.Figures exact) {
        assertThat(number(summary)).isEqualTo(exact.percentile(p));
        assertThat(exact.shareAtMost(report)).as("share of responses at most the report's p%s = %d ms", p, report)
                .isGreaterThanOrEqualTo(Math.max(0, p - 5) / 100.0);
        assertThat(exact.shareAtMost(report - 1)).as("share of responses below the report's p%s = %d ms", p, report)
                .isLessThanOrEqualTo(Math.min(100, p + 5) / 100.0);
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static List<String> names(List<Map<String, Object>> byRequest) {
        List<String> names = new ArrayList<>(List.of("All Requests"));
        byRequest.forEach(r -> names.add((String) r.get("name")));
        return names;
    }
}
