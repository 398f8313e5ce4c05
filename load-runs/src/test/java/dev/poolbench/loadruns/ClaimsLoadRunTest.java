package dev.poolbench.loadruns;

import dev.poolbench.core.seeds.ClaimCatalogue;
import dev.poolbench.core.seeds.SeedClaim;
import dev.poolbench.results.LoadSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claims run's plan (every named configuration, sized) and its refusals, before any database work; and its
 * closing table, read from the summaries it wrote.
 */
class ClaimsLoadRunTest {

    @Test
    void everyNamedConfigurationRunsTodoApiSimulationAndTheCacheHasItsControl() {
        assertThat(ClaimsLoadRun.ENTRIES.stream().filter(e -> e.simulation().equals("TodoApiSimulation"))
                .map(ClaimsLoadRun.Entry::configuration).toList())
                .containsExactlyElementsOf(ServiceConfiguration.NAMED.keySet());
        assertThat(ClaimsLoadRun.ENTRIES.get(0).result()).as("the baseline's run confirms the calibration").isEqualTo("baseline");
        assertThat(ClaimsLoadRun.entry("phase3").at(Duration.ZERO).load()).containsEntry("bulk", "true");
        Map<String, String> readHeavy = ClaimsLoadRun.ENTRIES.stream().filter(e -> e.simulation().equals("ReadHeavySimulation"))
                .collect(Collectors.toMap(ClaimsLoadRun.Entry::result, ClaimsLoadRun.Entry::configuration));
        assertThat(readHeavy).containsOnly(Map.entry("seed004-read-heavy", "seed004"), Map.entry("seed003-read-heavy", "seed003"));

        LoadRun.Plan baseline = ClaimsLoadRun.entry("baseline").at(Duration.ofMillis(429));
        assertThat(baseline.configuration().rtt()).isEqualTo(Duration.ofMillis(429));
        assertThat(baseline.resultName()).isEqualTo("claims/baseline");
        // a repetition's summary beside the first, which keeps its name for every reader of a single run
        assertThat(ClaimsLoadRun.entry("baseline").at(Duration.ofMillis(429), Stack.JAVA, "claims", 2).resultName())
                .isEqualTo("claims/r2/baseline");
        assertThat(ClaimsLoadRun.entry("phase2").at(Duration.ofMillis(429), Stack.REFERENCE, "claims", 3).resultName())
                .isEqualTo("claims/reference/r3/phase2");
        assertThat(ClaimsLoadRun.entry("phase2").at(Duration.ofMillis(429), Stack.REFERENCE, "claims", 1).resultName())
                .isEqualTo("claims/reference/phase2");
        assertThat(baseline.warmUp()).isTrue();
        assertThat(baseline.load()).containsEntry("users", "200").containsEntry("bursts", "1")
                .containsEntry("requestTimeout", "10m").containsEntry("minSuccessPercent", "0");
    }

    @Test
    void everyTodoApiRunCarriesTheSameLoadSoThatTheirRatesDivide() {
        var loads = ClaimsLoadRun.ENTRIES.stream().filter(e -> e.simulation().equals("TodoApiSimulation"))
                .map(e -> e.at(Duration.ofMillis(100)).load()).map(load -> {
                    var withoutBulk = new java.util.LinkedHashMap<>(load);
                    withoutBulk.remove("bulk"); // phase 3's change is the bulk endpoint, the load is the same
                    return withoutBulk;
                }).distinct().toList();

        assertThat(loads).hasSize(1);
        assertThat(loads.get(0)).containsEntry("users", "200").containsEntry("followUps", "50");
    }

    /** Issue 18: the main job's compact pass shrinks every run alike, so its ratios still divide like for like. */
    @Test
    void theCompactPassShrinksEveryRunAlike() {
        var loads = ClaimsLoadRun.ENTRIES.stream().filter(e -> e.simulation().equals("TodoApiSimulation"))
                .map(e -> e.at(Duration.ofMillis(20), Stack.REFERENCE, "claims", 1, ClaimsLoadRun.Scale.COMPACT).load())
                .map(load -> {
                    var withoutBulk = new java.util.LinkedHashMap<>(load);
                    withoutBulk.remove("bulk");
                    return withoutBulk;
                }).distinct().toList();
        assertThat(loads).hasSize(1);
        assertThat(loads.get(0)).containsEntry("users", "40").containsEntry("followUps", "10").containsEntry("bursts", "1");
        assertThat(ClaimsLoadRun.entry("seed004-read-heavy").at(Duration.ofMillis(20), Stack.JAVA, "claims", 1,
                ClaimsLoadRun.Scale.COMPACT).load()).containsEntry("duration", "10s").containsEntry("users", "20");
        assertThat(ClaimsLoadRun.entry("seed004-read-heavy").at(Duration.ofMillis(20)).load()).containsEntry("duration", "45s");
    }

    /**
     * The compact pass in miniature: one configuration, on the first stack of --stacks that runs here (the Java
     * service, named first here, where the main job names the reference stack first), at the fixed 20 ms round trip, at
     * its smaller load; its environment.json says which scale it was and which stack ran, as the report reads them.
     */
    @Test
    void theCompactPassRunsOnOneStackAtTwentyMillisecondsAndSaysSo(@TempDir Path out) throws Exception {
        int exit = new CommandLine(new ClaimsLoadRun()).execute("--scale=compact", "--only=baseline", "--stacks=java,reference",
                "--out=" + out);

        assertThat(exit).isZero();
        LoadSummary baseline = LoadResult.read(out.resolve("load-results/claims/baseline.json"));
        assertThat(baseline.load()).containsEntry("users", 40).containsEntry("followUps", 10);
        assertThat(baseline.roundTrips().rttMs()).isEqualTo(20);
        assertThat(baseline.requests().ko()).isZero();
        assertThat(out.resolve("load-results/claims/reference")).doesNotExist();
        String environment = Files.readString(out.resolve("load-results/claims/environment.json"));
        assertThat(environment).contains("\"scale\" : \"compact\"").contains("\"rttMs\" : 20")
                .containsPattern("\"stacks\" : \\[ \"java\" \\]");
    }

    @Test
    void progressSaysWhereTheRunIsAndEstimatesTheTimeLeftFromTheRunsDone() {
        assertThat(ClaimsLoadRun.progress(0, 30, Duration.ZERO)).isEqualTo("run 1 of 30, 0 s in");
        assertThat(ClaimsLoadRun.progress(3, 30, Duration.ofMinutes(6))).isEqualTo("run 4 of 30, 6 min in, about 54 min left");
        assertThat(ClaimsLoadRun.progress(29, 30, Duration.ofSeconds(58 * 29))).isEqualTo("run 30 of 30, 28 min in, about 58 s left");
        LoadRun.Plan second = ClaimsLoadRun.entry("phase2").at(Duration.ofMillis(141), Stack.REFERENCE, "claims", 2);
        assertThat(ClaimsLoadRun.planned(second, 2, 3)).isEqualTo("claims/reference/r2/phase2 on the reference stack, repetition 2 of 3");
        assertThat(ClaimsLoadRun.planned(ClaimsLoadRun.entry("phase2").at(Duration.ofMillis(141)), 1, 1))
                .isEqualTo("claims/phase2 on the java stack");
    }

    @Test
    void everyLoadRunAClaimIsMeasuredFromIsInThePlan() {
        var planned = ClaimsLoadRun.ENTRIES.stream().map(ClaimsLoadRun.Entry::result).toList();
        for (SeedClaim claim : ClaimCatalogue.ALL) {
            assertThat(planned).as("the load runs claim %s is measured from", claim.id()).containsAll(claim.loadRuns());
        }
        assertThat(ClaimCatalogue.loadRuns()).isNotEmpty();
    }

    /**
     * One {@code -Dpoolbench.claims.only} picks from the claims' load runs and the service fault run that follows them
     * ({@link ServiceFaultRunTest} for the other side): the load runs named, in the plan's order, whatever else the list
     * names; naming only the fault run loads nothing, in one line, before any database starts.
     */
    @Test
    void onlyPicksTheLoadRunsItNamesAndTheServiceFaultRunIsOneOfTheNames(@TempDir Path out) throws Exception {
        assertThat(ClaimsLoadRun.selected(" seed003 , service-faults,baseline").stream().map(ClaimsLoadRun.Entry::result))
                .containsExactly("baseline", "seed003");
        assertThat(ClaimsLoadRun.selected("")).isEqualTo(ClaimsLoadRun.ENTRIES);
        assertThat(ClaimsLoadRun.onlyNames(null)).isEmpty();

        LoadRunTestSupport.Console claims = LoadRunTestSupport.execute(new ClaimsLoadRun(), "--only=service-faults",
                "--out=" + out);
        assertThat(claims.exit()).isZero();
        assertThat(claims.out()).isEqualTo("poolbench claims: --only=service-faults names no load run of the claims, only"
                + " service-faults; nothing to load here" + System.lineSeparator());
        assertThat(out.resolve("load-results")).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
        --rtt 11s                  ; claims-load-run: --rtt = '11s' is not accepted: a round trip from 0 to 10s (bench-core's limit), e.g. 429ms
        --rtt soon                 ; claims-load-run: --rtt = 'soon' is not accepted: a duration of zero or more, such as 250ms, 30s, 10m, 1h (a bare number means seconds)
        --target 0                 ; claims-load-run: --target = '0' is not accepted: operations per second, more than 0, e.g. 2.28
        --tolerance 0              ; claims-load-run: --tolerance = '0' is not accepted: a whole number from 1 to 100
        --repetitions 0            ; claims-load-run: --repetitions = '0' is not accepted: a whole number from 1 to 10
        --probe-rtts 100ms         ; claims-load-run: --probe-rtts = '100ms' is not accepted: two or more different round trips, e.g. 100ms,300ms
        --scale huge               ; claims-load-run: --scale = 'huge' is not accepted: one of seed, compact
        --scale=compact --also-rtt=20ms ; claims-load-run: --also-rtt = '20ms' is not accepted: nothing with --scale=compact, which runs one pass
        --scale=compact --repetitions=3 ; claims-load-run: --repetitions = '3' is not accepted: 1 with --scale=compact, which runs each configuration once
        --only=,                   ; claims-load-run: --only = ',' is not accepted: one or more of baseline, phase1, phase2, phase2-worker, phase3, seed000-null, seed000-static, seed000-queue-2+1, seed000-queue-10+20, seed003, seed004, seed002-jit-on, seed002-jit-off, seed004-read-heavy, seed003-read-heavy, service-faults
        --only phase4              ; claims-load-run: --only = 'phase4' is not accepted: one or more of baseline, phase1, phase2, phase2-worker, phase3, seed000-null, seed000-static, seed000-queue-2+1, seed000-queue-10+20, seed003, seed004, seed002-jit-on, seed002-jit-off, seed004-read-heavy, seed003-read-heavy, service-faults
        """)
    void aBadArgumentStopsTheRunInOneLine(String args, String message) throws Exception {
        LoadRunTestSupport.Console console = LoadRunTestSupport.execute(new ClaimsLoadRun(), args.split(" "));
        assertThat(console.exit()).isEqualTo(2);
        assertThat(console.err()).isEqualTo(message + System.lineSeparator());
    }

    @Test
    void theClosingTableReadsEachSummaryThroughItsRecord(@TempDir Path folder) throws Exception {
        LoadResult.write(folder.resolve("seed004.json"), summary(12109, new LoadSummary.Pool("queue", 15, 15, 1.0, 14.3, 5, 15, 0, 44),
                new LoadSummary.Cache(0, 200, 0.0)));
        LoadResult.write(folder.resolve("seed000-null.json"), summary(26006,
                new LoadSummary.Pool("none", 0, 20, null, 2.96, 0, 20, 0, 57), null));
        Path future = Files.writeString(folder.resolve("phase1.json"), "{\"format\": \"poolbench-load-result/2\"}");
        List<ClaimsLoadRun.Entry> entries = List.of(ClaimsLoadRun.entry("seed004"), ClaimsLoadRun.entry("seed000-null"),
                ClaimsLoadRun.entry("phase1"), ClaimsLoadRun.entry("phase2"));

        String out = LoadRunTestSupport.capture(() -> {
            ClaimsLoadRun.printTable(folder, entries, Duration.ofMillis(430), null, Map.of("phase2", "Gatling wrote no report"),
                    Instant.now());
            return 0;
        }).out();

        assertThat(out.lines().toList()).contains(
                "poolbench claims load (" + folder + "), round trip 430 ms (given)",
                "  seed004                     2.30       -    100.0     12109        600     100%       15      0.0%",
                "  seed000-null                2.30       -    100.0     26006        600        -       20         -",
                "  phase1                 unreadable summary: " + future + ": format \"poolbench-load-result/2\" is not"
                        + " supported; this version of poolbench reads \"poolbench-load-result/1\"",
                "  phase2                 FAILED: Gatling wrote no report");
    }

    @Test
    void withRepetitionsTheClosingTableGivesMediansAndEachRun(@TempDir Path folder) throws Exception {
        LoadSummary.Pool pool = new LoadSummary.Pool("queue", 15, 15, 1.0, 14.3, 5, 15, 0, 44);
        LoadResult.write(folder.resolve("seed003.json"), summary(12109, 2.5, pool, null));
        LoadResult.write(Files.createDirectories(folder.resolve("r2")).resolve("seed003.json"), summary(9000, 1.5, pool, null));
        LoadResult.write(Files.createDirectories(folder.resolve("r3")).resolve("seed003.json"), summary(15000, 2.0, pool, null));
        LoadResult.write(folder.resolve("seed004.json"), summary(8000, 3.0, pool, null));

        String out = LoadRunTestSupport.capture(() -> {
            ClaimsLoadRun.printTable(folder, "", Stack.JAVA, List.of(ClaimsLoadRun.entry("seed003"), ClaimsLoadRun.entry("seed004")),
                    Duration.ofMillis(20), null, Map.of(), Instant.now(), 3);
            return 0;
        }).out();

        assertThat(out.lines().toList()).contains(
                "poolbench claims load (" + folder + "), round trip 20 ms (given), medians of 3 runs",
                "  seed003                     2.00       -    100.0     12109        600     100%       15         -  2.50, 1.50, 2.00",
                "  seed004                     3.00       -    100.0      8000        600     100%       15         -  3.00 (1 of 3 runs)");
    }

    private static LoadSummary summary(int p95, LoadSummary.Pool pool, LoadSummary.Cache cache) {
        return summary(p95, 2.2990531732681423, pool, cache);
    }

    private static LoadSummary summary(int p95, double operationsPerSecond, LoadSummary.Pool pool, LoadSummary.Cache cache) {
        return new LoadSummary("TodoApiSimulation", "seed004", null, Map.of(), "2026-11-22T16:34:31.071Z",
                "2026-11-22T16:38:52.188Z", 260977L, new LoadSummary.Requests(600, 600, 0), 1.0, 2.2988505747126435, 600L,
                operationsPerSecond, new LoadSummary.Latency(701, 49824.89, 43475, 64058, p95, 86975, 87102), List.of(),
                List.of(), pool, cache, List.of(), "index.html");
    }
}
