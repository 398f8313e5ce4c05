package dev.poolbench.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.faults.LostWrites;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import dev.poolbench.core.probe.EnvironmentProbe;
import dev.poolbench.pools.FilterQuery;
import dev.poolbench.pools.Insert;
import dev.poolbench.pools.Query;
import dev.poolbench.pools.runner.DatabaseHandoff;
import dev.poolbench.reports.fixtures.ClaimsLoadFixture;
import dev.poolbench.reports.fixtures.Cli;
import dev.poolbench.reports.input.Json;
import dev.poolbench.reports.render.Fmt;
import dev.poolbench.results.EnvironmentRecord;
import dev.poolbench.results.Faults;
import dev.poolbench.results.LoadSummary;
import dev.poolbench.results.ResultFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Claims section: the database claims judged on a real miniature run of the claims grid's own
 * points, the load claims on fixture summaries (see {@link ClaimsLoadFixture}) that exercise each rule.
 */
class ClaimsSectionTest {

    @TempDir
    static Path dir;
    private static String summary;
    private static JsonNode results;
    private static Faults.LostWrites shared;

    @BeforeAll
    static void judgeARun() throws Exception {
        Path jmh = Files.createDirectories(dir.resolve("jmh"));
        ArrayNode all = Json.MAPPER.createArrayNode();
        try (DatabaseHandoff handoff = handOff(jmh)) {
            all.addAll(run(jmh, FilterQuery.class, "list", "indexed=true,false", "rows=100000"));
            all.addAll(run(jmh, Insert.class, "insert", "insertMode=single,multirow,copy", "batchSize=200", "rewrite=false"));
            all.addAll(run(jmh, Query.class, "latency", "strategy=none,static,queue,hikari"));
            all.addAll(run(jmh, Query.class, "latency", "strategy=hikari", "jit=on,off"));
        } finally {
            System.clearProperty(DatabaseHandoff.PROPERTY);
        }
        Json.write(jmh.resolve("results.json"), all);
        ResultFiles.write(jmh.resolve(EnvironmentRecord.FORMAT.fileName()), EnvironmentRecord.FORMAT,
                EnvironmentProbe.record("bench-pools", TestDatabase.get(), Map.of("profile", "claims (miniature)")));
        results = all;
        shared = LostWrites.run(TestDatabase.get(), PoolSettings.of(PoolStrategy.STATIC), 4, 2, 200);
        ResultFiles.write(jmh.resolve(Faults.FORMAT.fileName()), Faults.FORMAT, new Faults(0, 0, 0, 0, List.of(), List.of(),
                List.of(), List.of(shared, LostWrites.run(TestDatabase.get(), PoolSettings.of(PoolStrategy.QUEUE), 4, 2, 200))));

        Path claims = dir.resolve("load").resolve("claims");
        ClaimsLoadFixture.calibration(claims, 429, 2.28);
        ClaimsLoadFixture.summary(claims, "baseline", "queue 5+10, event-loop", 2.28, 1.0, 1);
        ClaimsLoadFixture.summary(claims, "phase1", "queue 20+30, event-loop, indexes on", 2.4, 1.0, 1);
        ClaimsLoadFixture.summary(claims, "phase2", "queue 20+30, reactive", 60, 1.0, 3);
        ClaimsLoadFixture.summary(claims, "phase3", "queue 20+30, reactive, bulk", 150, 1.0, 3);
        ClaimsLoadFixture.summary(claims, "seed000-null", "none, worker", 9, 1.0, 0);
        ClaimsLoadFixture.summary(claims, "seed000-static", "static, worker", 4, 1.0, 0);
        ClaimsLoadFixture.summary(claims, "seed000-queue-10+20", "queue 10+20, worker", 40, 1.0, 10);
        ClaimsLoadFixture.summary(claims, "seed000-queue-2+1", "queue 2+1, worker", 5, 1.0, 2);
        ClaimsLoadFixture.summary(claims, "seed003", "queue 5+10, worker", 6, 1.0, 4);
        ClaimsLoadFixture.summary(claims, "seed004", "queue 5+10, pre-ping, cache", 30, 1.0, 4,
                new LoadSummary.Pool("queue", 15, 14, 14 / 15.0, 12.5, 0, 15, 0, 3), null);
        ClaimsLoadFixture.summary(claims, "seed004-read-heavy", "queue 5+10, cache 5m", 300, 1.0, 4, null,
                new LoadSummary.Cache(850, 150, 0.85));

        Path out = dir.resolve("report");
        Cli.Result r = Cli.run("generate", "--jmh", jmh.toString(), "--load", dir.resolve("load").toString(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        summary = Files.readString(out.resolve("summary.md"));
    }

    @Test
    void singleConnectionReuseIsJudgedOnTheLostWritesProbe() {
        assertThat(row("Single Connection Reuse (Good Balance)"))
                .contains(Fmt.number(shared.lost()) + " of " + Fmt.number(shared.committed()) + " committed writes lost, "
                        + Fmt.number(shared.wronglyKept()) + " of " + Fmt.number(shared.rolledBack()) + " rolled back kept")
                .contains("queue 5+10: none lost, none wrongly kept")
                .contains(shared.lost() + shared.wronglyKept() > 0 ? "| does not hold |" : "| holds |");
    }

    @Test
    void theDatabaseClaimsAreJudgedOnTheMeasuredPoints() {
        double without = score("FilterQuery.list", Map.of("indexed", "false"));
        double with = score("FilterQuery.list", Map.of("indexed", "true"));
        assertThat(row("Add Database Indexes")).contains("took " + Fmt.number(without) + " us/op without the indexes and "
                + Fmt.number(with) + " with them").contains("jmh.results[FilterQuery.list indexed=false rows=100000]");

        double single = rows(Map.of("insertMode", "single"));
        double multirow = rows(Map.of("insertMode", "multirow"));
        assertThat(row("one multi-row INSERT ... RETURNING")).contains(Fmt.number(single) + " rows/s one INSERT at a time against "
                + Fmt.number(multirow) + " rows/s in one multi-row INSERT");
        // a new connection per lookup is never within twice a pooled one: NullPool's overhead is not slight; the points
        // ran in this JVM (forks 0), so the verdict is marked as one fork's
        assertThat(row("Slight connection overhead")).contains("| indicative (1 JMH fork): does not hold |");
        assertThat(summary).contains("A verdict read from benchmark points measured in one JVM each is marked \"indicative"
                + " (1 JMH fork)\"").containsPattern("; indicative: [0-9]+ on a load figure of one run, [0-9]+ on benchmark"
                + " points of one JMH fork\\.");
    }

    @Test
    void theLoadClaimsFollowTheVerdictRules() {
        // one run of each configuration (the fixture writes no r2/): every load figure without an interval, every
        // verdict on one indicative; ClaimsRepetitionsTest has the intervals of three
        assertThat(row("Limits all operations to ~2.28 ops/sec")).contains("| indicative (1 run): holds |").contains("429 ms")
                .contains("2.280 ops/sec [1 run, no interval]");
        // 2.4 / 2.28 = 1.05x: above 1 but short of the promised 3-5x
        assertThat(row("Increase Connection Pool Size")).contains(Fmt.number(2.4 / 2.28) + "x [1 run, no interval]")
                .contains("| indicative (1 run): partly |");
        // 60 / 2.28 = 26x, above the promised 10-20x
        assertThat(row("Convert to Async")).contains(Fmt.number(60 / 2.28) + "x").contains("| indicative (1 run): partly |");
        assertThat(row("Add Bulk Operations Endpoint (after phases 1 and 2)")).contains("| indicative (1 run): holds |");
        assertThat(row("Pros: Zero idle connections")).contains("| indicative (1 run): holds |");
        assertThat(row("Single connection bottleneck")).contains(Fmt.number(10.0) + "x").contains("| indicative (1 run): holds |");
        // 6 / 5 = 1.2x: short of the promised 2-3x
        assertThat(row("2-3x faster with proper pooling")).contains("| indicative (1 run): partly |");
        assertThat(row("'query_response_time'")).contains("| indicative (1 run): holds |");
        assertThat(row("'connection_pool_usage'")).contains(Fmt.number(100 * 14 / 15.0) + "% at peak [1 run, no interval]")
                .contains("| indicative (1 run): does not hold |");
        assertThat(row("'cache_hit_rate'")).contains(Fmt.number(85.0) + "% hits").contains("| indicative (1 run): holds |");
        assertThat(row("'concurrent_connections'")).contains("15 at peak").contains("| indicative (1 run): does not hold |");
        assertThat(summary).contains("The claims run ran each load configuration once: its load figures have no interval");
    }

    @Test
    void jitIsJudgedOnlyWhereTheServerHasJit() throws Exception {
        String jit = row("JIT disabled for better small query performance");
        boolean available = ResultFiles.read(dir.resolve("jmh").resolve(EnvironmentRecord.FORMAT.fileName()),
                EnvironmentRecord.FORMAT).database().settings().get("jit_available").equals("on");
        if (available) {
            assertThat(jit).containsAnyOf("| indicative (1 JMH fork): holds |", "| indicative (1 JMH fork): does not hold |")
                    .contains("jit_above_cost");
        } else {
            assertThat(jit).contains("| cannot be measured here |").contains("no JIT provider");
        }
    }

    private static String row(String claimWords) {
        return Arrays.stream(summary.split("\n")).filter(l -> l.startsWith("| ") && l.contains(claimWords)).findFirst()
                .orElseThrow(() -> new AssertionError("no claims row for: " + claimWords + "\n" + summary));
    }

    private static double score(String benchmark, Map<String, String> params) {
        return find(benchmark, params).at("/primaryMetric/score").asDouble();
    }

    private static double rows(Map<String, String> params) {
        return find("Insert.insert", params).at("/secondaryMetrics/rows/score").asDouble();
    }

    private static JsonNode find(String benchmark, Map<String, String> params) {
        for (JsonNode r : results) {
            if (r.get("benchmark").asText().endsWith(benchmark)
                    && params.entrySet().stream().allMatch(p -> r.at("/params/" + p.getKey()).asText().equals(p.getValue()))) {
                return r;
            }
        }
        throw new AssertionError("no result " + benchmark + " " + params);
    }

    /** A short real run in this JVM: one warmup and three measured 300 ms iterations per point. */
    private static ArrayNode run(Path jmh, Class<?> benchmark, String method, String... params) throws Exception {
        Path part = jmh.resolve("part.json");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(Pattern.quote(benchmark.getName() + "." + method) + "$")
                .forks(0).threads(1)
                .warmupIterations(1).warmupTime(TimeValue.milliseconds(300))
                .measurementIterations(3).measurementTime(TimeValue.milliseconds(300))
                .resultFormat(ResultFormatType.JSON).result(part.toString());
        for (String p : params) {
            options.param(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1).split(","));
        }
        new Runner(options.build()).run();
        ArrayNode node = (ArrayNode) Json.read(part);
        Files.delete(part);
        return node;
    }

    /** The benchmarks find the test database as the runner's forks find theirs: through an owner-only hand-off. */
    private static DatabaseHandoff handOff(Path jmh) throws Exception {
        DatabaseHandoff handoff = DatabaseHandoff.write(TestDatabase.get(), jmh);
        System.setProperty(DatabaseHandoff.PROPERTY, handoff.file().toString());
        return handoff;
    }
}
