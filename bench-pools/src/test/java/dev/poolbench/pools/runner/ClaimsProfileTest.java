package dev.poolbench.pools.runner;

import dev.poolbench.core.seeds.ClaimCatalogue;
import dev.poolbench.core.seeds.JmhPoint;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.runner.options.Options;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claims profile measures every benchmark point a claim is judged from. The points are expanded the way
 * JMH does: a parameter the profile sets takes those values, any other takes every value of its {@code @Param};
 * a parameter the benchmark does not declare is no parameter at all (JMH ignores {@code -p} for it).
 */
class ClaimsProfileTest {

    /** Issue 18: the main job (quick) judges every claim too, so it measures every point one reads. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = Profile.class, names = {"CLAIMS", "QUICK"})
    void theClaimsAndQuickProfilesProduceEveryPointAClaimIsJudgedFrom(Profile profile) throws Exception {
        List<Point> produced = points(profile);
        for (JmhPoint wanted : ClaimCatalogue.jmhPoints()) {
            assertThat(produced).as("%s: no run of the %s profile produces it", wanted, profile)
                    .anyMatch(p -> wanted.matches(p.benchmark, p.threads, p.params));
        }
    }

    /** The claims profile measures every point a claim reads in several JVMs, so its verdicts are not one fork's. */
    @Test
    void theClaimsProfileMeasuresEveryClaimPointInSeveralForks() {
        for (Options run : Profile.CLAIMS.runs()) {
            String include = run.getIncludes().get(0);
            boolean readByAClaim = ClaimCatalogue.jmhPoints().stream()
                    .anyMatch(p -> include.endsWith(p.benchmark() + "$") && run.getThreads().orElse(1) == p.threads());
            if (readByAClaim && !include.contains("PoolSizing") && !isRewriteOnly(run)) {
                assertThat(run.getForkCount().get()).as("%s at %s threads", include, run.getThreads().orElse(1))
                        .isEqualTo(Profile.CLAIM_FORKS);
            }
        }
        assertThat(Profile.QUICK.runs()).allMatch(run -> run.getForkCount().get() == 1);
    }

    /** The batch inserts with rewriting on: beside the claim's points, read by no claim. */
    private static boolean isRewriteOnly(Options run) {
        var rewrite = run.getParameter("rewrite");
        return rewrite.hasValue() && rewrite.get().contains("true");
    }

    @Test
    void theClaimsProfileRunsTheFaultScenariosAClaimIsJudgedFrom() {
        assertThat(ClaimCatalogue.ALL).anyMatch(claim -> claim.faults().contains(ClaimCatalogue.LOST_WRITES));
        assertThat(BenchmarkRun.runsFaults(Profile.CLAIMS)).isTrue();
        assertThat(BenchmarkRun.runsFaults(Profile.QUICK)).isTrue();
        assertThat(BenchmarkRun.runsFaults(Profile.SMOKE)).isFalse();
    }

    @Test
    void aPointOfAParameterTheBenchmarkLacksIsNotProduced() throws Exception {
        // FilterQuery is measured with pool strategy hikari and declares no strategy parameter
        JmhPoint unknown = JmhPoint.of("FilterQuery.list", 1, "strategy=queue");
        assertThat(points(Profile.CLAIMS)).noneMatch(p -> unknown.matches(p.benchmark, p.threads, p.params));
    }

    /** Issue 14: the pools profile puts every strategy side by side, direct and behind PgBouncer in both modes. */
    @Test
    void thePoolsProfileMeasuresEveryStrategyDirectAndBehindBothPgBouncerModes() throws Exception {
        List<String> every = Arrays.stream(dev.poolbench.core.pool.PoolStrategy.values())
                .map(s -> dev.poolbench.core.config.Settings.spelling(s)).toList();
        List<String> poolers = dev.poolbench.core.db.PgBouncer.unavailable().isEmpty()
                ? List.of("none", "pgbouncer-session", "pgbouncer-transaction") : List.of("none");
        List<Point> points = points(Profile.POOLS);
        for (String benchmark : List.of("Query.throughput", "Query.latency")) {
            List<String> seen = points.stream().filter(p -> p.benchmark.equals(benchmark))
                    .map(p -> p.params.get("strategy") + " + " + p.params.get("pooler")).toList();
            List<String> wanted = every.stream().flatMap(s -> poolers.stream().map(p -> s + " + " + p)).toList();
            assertThat(seen).as(benchmark).containsExactlyInAnyOrderElementsOf(wanted);
        }
        // the Overhead grid names the class, so both of its methods run, at 1 and 4 threads
        for (String benchmark : List.of("Acquire.acquire", "Overhead.")) {
            assertThat(points.stream().filter(p -> p.benchmark.equals(benchmark)).map(p -> p.params.get("strategy")).distinct())
                    .as(benchmark).containsExactlyInAnyOrderElementsOf(every);
        }
        assertThat(Profile.POOLS.faultStrategies()).containsExactly(dev.poolbench.core.pool.PoolStrategy.values());
    }

    /** Issue 14: only the full and pools profiles measure behind PgBouncer; quick and claims run direct. */
    @Test
    void onlyTheFullProfilesQueryPointsRunBehindPgBouncer() throws Exception {
        for (Profile profile : List.of(Profile.SMOKE, Profile.QUICK, Profile.CLAIMS)) {
            assertThat(points(profile)).as("%s", profile)
                    .allMatch(p -> p.params.getOrDefault("pooler", "none").equals("none"));
        }
        List<Point> behind = points(Profile.FULL).stream()
                .filter(p -> !p.params.getOrDefault("pooler", "none").equals("none")).toList();
        if (dev.poolbench.core.db.PgBouncer.unavailable().isPresent()) {
            assertThat(behind).isEmpty();
            return;
        }
        assertThat(behind).allMatch(p -> p.benchmark.startsWith("Query."));
        assertThat(behind).extracting(p -> p.params.get("strategy") + " + " + p.params.get("pooler")).containsOnly(
                "none + pgbouncer-session", "queue + pgbouncer-session", "hikari + pgbouncer-session",
                "none + pgbouncer-transaction", "queue + pgbouncer-transaction", "hikari + pgbouncer-transaction");
    }

    private record Point(String benchmark, int threads, Map<String, String> params) {
    }

    private static List<Point> points(Profile profile) throws ClassNotFoundException {
        List<Point> points = new ArrayList<>();
        for (Options run : profile.runs()) {
            for (String include : run.getIncludes()) {
                String benchmark = include.replace("dev\\.poolbench\\.pools\\.", "").replace("\\.", ".").replace("$", "");
                Map<String, List<String>> values = new LinkedHashMap<>();
                Class<?> type = Class.forName("dev.poolbench.pools." + benchmark.substring(0, benchmark.indexOf('.')));
                for (Field field : paramFields(type)) {
                    List<String> declared = Arrays.asList(field.getAnnotation(Param.class).value());
                    var set = run.getParameter(field.getName());  // JMH's own Optional
                    values.put(field.getName(), set.hasValue() ? List.copyOf(set.get()) : declared);
                }
                expand(benchmark, run.getThreads().orElse(1), new ArrayList<>(values.entrySet()), 0,
                        new LinkedHashMap<>(), points);
            }
        }
        return points;
    }

    private static List<Field> paramFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c : List.of(type)) {
            Arrays.stream(c.getFields()).filter(f -> f.isAnnotationPresent(Param.class)).forEach(fields::add);
            for (Class<?> nested : c.getClasses()) {
                Arrays.stream(nested.getFields()).filter(f -> f.isAnnotationPresent(Param.class)).forEach(fields::add);
            }
        }
        return fields;
    }

    private static void expand(String benchmark, int threads, List<Map.Entry<String, List<String>>> params, int at,
                               Map<String, String> chosen, List<Point> into) {
        if (at == params.size()) {
            into.add(new Point(benchmark, threads, Map.copyOf(chosen)));
            return;
        }
        for (String value : params.get(at).getValue()) {
            chosen.put(params.get(at).getKey(), value);
            expand(benchmark, threads, params, at + 1, chosen, into);
        }
        chosen.remove(params.get(at).getKey());
    }
}
