package dev.poolbench.reports.sections;

import dev.poolbench.reports.model.JmhResult;
import dev.poolbench.reports.model.Metric;
import dev.poolbench.reports.model.Units;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Picking and grouping JMH results by their parameters: what most sections do first. */
final class JmhSelection {

    /** The strategies in the order the seeds discuss them; any other value sorts after, by name. */
    private static final List<String> STRATEGY_ORDER = List.of("none", "static", "single", "queue", "hikari", "dbcp2", "agroal",
            "vibur", "tomcat", "c3p0");

    private JmhSelection() {
    }

    static List<JmhResult> having(List<JmhResult> results, String param, Predicate<JmhResult> also) {
        return results.stream().filter(r -> r.params().containsKey(param)).filter(also).collect(Collectors.toList());
    }

    static <T, K> Map<K, List<T>> groupBy(List<T> results, Function<T, K> key) {
        Map<K, List<T>> groups = new LinkedHashMap<>();
        for (T r : results) {
            groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    /** "poolSize=5 maxOverflow=10, 4 threads": the parameters not in {@code shown}, and the thread count. */
    static String otherParams(JmhResult r, Set<String> shown) {
        String params = r.params().entrySet().stream()
                .filter(p -> !shown.contains(p.getKey()))
                .map(p -> p.getKey() + "=" + p.getValue())
                .collect(Collectors.joining(" "));
        String threads = r.threads() + (r.threads() == 1 ? " thread" : " threads");
        return params.isEmpty() ? threads : params + ", " + threads;
    }

    static Comparator<String> strategyOrder() {
        return Comparator.<String>comparingInt(s -> STRATEGY_ORDER.contains(s) ? STRATEGY_ORDER.indexOf(s) : STRATEGY_ORDER.size())
                .thenComparing(Comparator.naturalOrder());
    }

    /** Numeric order for values that are numbers ("10" after "5"), text order otherwise. */
    static Comparator<String> numericOrder() {
        return (a, b) -> {
            try {
                return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
            } catch (NumberFormatException e) {
                return a.compareTo(b);
            }
        };
    }

    /** A value of {@code m} (its score, an interval bound) in operations per second, whatever JMH's unit. */
    static double opsPerSecond(Metric m, double value) {
        return Units.convert(value, m.unit(), Units.OPS_PER_SECOND);
    }

    /** An id usable in HTML for a benchmark name: {@code Query.query} becomes {@code query-query}. */
    static String slug(String text) {
        return text.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
